"""Leaves TESTING = True out of the testing config (the tests turn TESTING
on themselves), so an app built with STATUS_ENV=testing is not in testing mode.

expect: task1_hidden
"""
# %% your_app
# -     ENV_NAME = "testing"
# -     TESTING = True
# +     ENV_NAME = "testing"
