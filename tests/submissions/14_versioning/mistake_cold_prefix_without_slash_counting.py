"""Counts a request for a version when request.path.startswith(f"/{version}") (no trailing
slash), so /v10/parcels counts for v1 and /v2beta/parcels for v2. Breaks task 4: "every request
whose path starts with /v1/ counts for v1, and /v2/ for v2 ... no other request counts".

expect: task4_hidden
base: alternative_cold_blueprints_hooks
"""
# %% your_app
# -             if request.path.startswith(f"/{version}/"):
# +             if request.path.startswith(f"/{version}"):
