"""Turns CSRF protection off in the defaults (so that the API kept working) and relies on configs to turn it on.

expect: task4_hidden
"""
# %% your_app
# -     app.config.from_mapping(MAX_CONTENT_LENGTH=4096, SENDER_NAME="Postbox")
# +     app.config.from_mapping(MAX_CONTENT_LENGTH=4096, SENDER_NAME="Postbox", WTF_CSRF_ENABLED=False)
