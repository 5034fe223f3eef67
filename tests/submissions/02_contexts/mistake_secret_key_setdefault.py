"""Fills the SECRET_KEY default in after test_config with setdefault, which does
nothing: Flask's default config already holds SECRET_KEY = None, so an app
built without test_config has no secret key and cannot keep a session.

expect: task1_hidden
"""
# %% your_app
# -     app.config.from_mapping(
# -         SECRET_KEY="dev",
# -         SERVICE_NAME="team-notes",
# -         DATABASE=FakeDatabase(),
# -     )
# -     if test_config is not None:
# -         app.config.update(test_config)
# +     app.config.from_mapping(
# +         SERVICE_NAME="team-notes",
# +         DATABASE=FakeDatabase(),
# +     )
# +     if test_config is not None:
# +         app.config.update(test_config)
# +     app.config.setdefault("SECRET_KEY", "dev")
