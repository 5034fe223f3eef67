"""Stores the whole validated body and filters the password out of the 201 only, so GET /api/accounts/<id> shows it.

expect: task1_hidden
"""
# %% your_app
# -         accounts[new_id] = AccountOut(id=new_id, **account.model_dump(exclude={"password"}))
# -         # A real app stores werkzeug.security.generate_password_hash(account.password).
# -         return accounts[new_id].model_dump(), 201
# +         accounts[new_id] = {"id": new_id, **account.model_dump()}
# +         return AccountOut(**accounts[new_id]).model_dump(), 201
# -         return accounts[account_id].model_dump()
# +         return accounts[account_id]
