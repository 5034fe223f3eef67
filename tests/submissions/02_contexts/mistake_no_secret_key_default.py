"""Leaves SECRET_KEY out of create_app's defaults (every test of the login
passes its own), so an app built without test_config has no secret key and
cannot keep a session.

expect: task1_hidden
"""
# %% your_app
# -         SECRET_KEY="dev",
# +
