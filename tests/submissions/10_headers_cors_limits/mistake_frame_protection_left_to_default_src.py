"""Relies on default-src 'none' against framing: no frame-ancestors and no X-Frame-Options.

expect: task1_visible, task1_hidden
"""
# %% your_app
# -         response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
# -         response.headers["X-Frame-Options"] = "DENY"
# +         response.headers["Content-Security-Policy"] = "default-src 'none'"
