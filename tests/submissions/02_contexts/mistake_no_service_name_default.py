"""Leaves SERVICE_NAME out of create_app's defaults, so an app built without
test_config has no service name for its summary.

expect: task1_hidden
"""
# %% your_app
# -         SERVICE_NAME="team-notes",
# +
