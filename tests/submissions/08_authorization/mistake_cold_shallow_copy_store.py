"""Copies the list of claims but shares the claim dicts ({e["id"]: e for e in EXPENSES}), so an approval or a PATCH in one app changes the config's EXPENSES and every later app built from it; breaks task 2 'claims filed or changed in one app never show up in another'.

expect: task2_hidden
base: alternative_cold_decorators
"""
# %% your_app
# -     expenses = {e["id"]: dict(e) for e in copy.deepcopy(app.config["EXPENSES"])}
# +     expenses = {e["id"]: e for e in app.config["EXPENSES"]}
