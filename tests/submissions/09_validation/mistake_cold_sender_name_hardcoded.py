"""The form starts from a hard-coded 'Postbox' instead of the app's SENDER_NAME config; breaks 'whose value is the current sender name (SENDER_NAME until it is changed)'.

expect: task4_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -     settings = {"sender_name": app.config["SENDER_NAME"]}
# +     settings = {"sender_name": "Postbox"}
