"""Adds the security headers in after_request, but only to successful responses.

expect: task2_visible, task2_hidden
"""
# %% your_app
# -     def add_security_headers(response):
# +     def add_security_headers(response):
# +         if response.status_code >= 400:
# +             return response
