"""Security headers added by a decorator on each view plus an errorhandler(HTTPException), so Flask's automatic OPTIONS answer (which never reaches a view nor an error handler) has none; breaks task 2: "the answers to OPTIONS (Flask's automatic 200, or a 204 of your own) and HEAD requests" get the four headers.

expect: task2_hidden
base: alternative_cold_flask_cors_plain_functions
"""
# %% your_app
# - from flask import Flask, abort, current_app, jsonify, request
# + import functools
# +
# + from flask import Flask, abort, current_app, jsonify, request, make_response
# + from werkzeug.exceptions import HTTPException
# +
# +
# + def _set_security_headers(response):
# +     response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
# +     response.headers["X-Frame-Options"] = "DENY"
# +     response.headers["X-Content-Type-Options"] = "nosniff"
# +     response.headers["Strict-Transport-Security"] = (
# +         f"max-age={current_app.config['HSTS_MAX_AGE']}; includeSubDomains"
# +     )
# +     return response
# +
# +
# + def secure(view):
# +     @functools.wraps(view)
# +     def wrapper(*args, **kwargs):
# +         return _set_security_headers(make_response(view(*args, **kwargs)))
# +     return wrapper

# -     @limiter.limit(app.config["SAILINGS_RATE_LIMIT"], methods=["GET"])
# +     @secure
# +     @limiter.limit(app.config["SAILINGS_RATE_LIMIT"], methods=["GET"])

# -     @limiter.limit(app.config["BOOKING_RATE_LIMIT"], methods=["POST"])
# +     @secure
# +     @limiter.limit(app.config["BOOKING_RATE_LIMIT"], methods=["POST"])

# -     def cancel_booking(booking_id):
# +     @secure
# +     def cancel_booking(booking_id):

# -     # Tasks 1 and 2: after_request runs for every response, errors included.
# -     @app.after_request
# -     def security_headers(response):
# -         response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
# -         response.headers["X-Frame-Options"] = "DENY"
# -         response.headers["X-Content-Type-Options"] = "nosniff"
# -         response.headers["Strict-Transport-Security"] = (
# -             f"max-age={current_app.config['HSTS_MAX_AGE']}; includeSubDomains"
# -         )
# -         return response
# +     # Task 2: every error page goes through this handler (404, 405, abort, 500).
# +     @app.errorhandler(HTTPException)
# +     def secure_errors(error):
# +         return _set_security_headers(error.get_response())
