"""Allowed origins compared by hostname only (urlsplit(...).hostname), so http:// and :8443 variants of a front end are allowed; breaks task 3: "each compared as a whole (scheme, host and port): ... http://book.harbourferries.example, https://book.harbourferries.example:8443 ... are not".

expect: task3_hidden, task3_hidden_2
base: alternative_cold_blueprint_methodview_handwritten_cors
"""
# %% your_app
# - from flask_limiter import Limiter
# + from urllib.parse import urlsplit
# + from flask_limiter import Limiter

# -     if origin and origin in current_app.config["CORS_ORIGINS"]:
# +     allowed_hosts = {urlsplit(o).hostname for o in current_app.config["CORS_ORIGINS"]}
# +     if origin and urlsplit(origin).hostname in allowed_hosts:
