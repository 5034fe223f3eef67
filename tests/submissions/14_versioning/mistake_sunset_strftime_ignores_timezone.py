"""Formats Sunset with strftime and a literal GMT, so a datetime that is not in UTC is sent
at the wrong hour (right for the default, which is in UTC).

expect: task3_hidden
"""
# %% your_app
# -             response.headers["Sunset"] = http_date(app.config["V1_SUNSET_AT"])
# +             response.headers["Sunset"] = app.config["V1_SUNSET_AT"].strftime("%a, %d %b %Y %H:%M:%S GMT")
