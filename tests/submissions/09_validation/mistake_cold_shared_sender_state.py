"""The sender name lives in a module-level dict that every app shares (create_app only resets it), so one app's change shows up in another app; breaks 'Each app keeps its own accounts (none at first) and sender name in memory'.

expect: task4_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# - def error_response(status, *entries):
# + settings = {"sender_name": "Postbox"}  # the newsletter's settings
# +
# +
# + def error_response(status, *entries):

# -     settings = {"sender_name": app.config["SENDER_NAME"]}
# +     settings["sender_name"] = app.config["SENDER_NAME"]
