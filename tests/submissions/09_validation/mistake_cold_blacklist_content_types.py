"""Refuses only form, multipart and text/plain content types and parses everything else with force=True, so a body with no Content-Type is accepted; breaks 'a body whose Content-Type is not JSON answers 415: ... or no Content-Type at all, even when the bytes happen to be valid JSON'.

expect: task2_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         if not request.is_json:
# +         if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain"):

# -         data = request.get_json(silent=True)
# +         data = request.get_json(force=True, silent=True)
