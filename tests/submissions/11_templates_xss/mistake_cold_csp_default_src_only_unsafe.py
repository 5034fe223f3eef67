"""Writes only default-src 'self' 'unsafe-inline' (no script-src), so inline script is allowed through the fallback; breaks "its script-src (or default-src when there is no script-src) ... must not allow 'unsafe-inline'".

expect: task4_hidden_2
base: alternative_cold_plain_functions
"""
# %% your_app
# -                 "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"
# +                 "default-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'"
