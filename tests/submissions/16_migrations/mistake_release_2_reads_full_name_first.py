"""Release 2 shows full_name, falling back to name only when full_name is empty, so a rename by release 1 is not seen.

expect: task3_hidden
"""
# %% release_2
# -         return {"id": customer.id, "name": customer.name, "email": customer.email}
# +         return {"id": customer.id, "name": customer.full_name or customer.name, "email": customer.email}
