"""Adds v1's deprecation headers when request.path.startswith("/v1") (no trailing slash), so
/v10/parcels and /v1beta/parcels announce v1's sunset too. Breaks task 3: "No other response
carries Deprecation, Sunset or a deprecation link" (only paths that start with /v1/ are v1).

expect: task3_hidden
base: alternative_cold_blueprints_hooks
"""
# %% your_app
# -         if request.path.startswith("/v1/"):
# +         if request.path.startswith("/v1"):
