"""Sets MAX_CONTENT_LENGTH after applying test_config, so a test config cannot change the limit.

expect: task3_hidden
"""
# %% your_app
# -     app.config.from_mapping(MAX_CONTENT_LENGTH=4096, SENDER_NAME="Postbox")
# -     if test_config is not None:
# -         app.config.update(test_config)
# +     app.config.from_mapping(SENDER_NAME="Postbox")
# +     if test_config is not None:
# +         app.config.update(test_config)
# +     app.config["MAX_CONTENT_LENGTH"] = 4096
