"""Configures flask-cors with the origins and credentials but not the methods: preflights allow PUT and PATCH.

expect: task3_hidden_2
"""
# %% your_app
# -         methods=["GET", "POST", "DELETE"],
# +
