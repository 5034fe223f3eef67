"""Adds the security headers with a decorator on each view, then patches the 404 page with an error handler.

expect: task2_hidden
"""
# %% your_app
# - from flask_limiter.util import get_remote_address
# + from flask_limiter.util import get_remote_address
# + from functools import wraps
# + from flask import make_response
# -     @app.after_request
# -     def add_security_headers(response):
# +     def add_security_headers(response):
# -         return response
# +         return response
# +
# +     def secured(view):
# +         @wraps(view)
# +         def wrapper(*args, **kwargs):
# +             return add_security_headers(make_response(view(*args, **kwargs)))
# +         return wrapper
# +
# +     @app.errorhandler(404)
# +     def not_found(error):
# +         return add_security_headers(error.get_response())
# -     def sailings():
# +     @secured
# +     def sailings():
# -     def create_booking():
# +     @secured
# +     def create_booking():
# -     def cancel_booking(booking_id):
# +     @secured
# +     def cancel_booking(booking_id):
