"""Computes Deprecation's Unix time with calendar.timegm(dt.timetuple()), which reads the wall
clock as UTC and is off by the datetime's UTC offset.

expect: task3_hidden
"""
# %% your_app
# -             response.headers["Deprecation"] = f"@{int(app.config['V1_DEPRECATED_AT'].timestamp())}"
# +             import calendar
# +             response.headers["Deprecation"] = f"@{calendar.timegm(app.config['V1_DEPRECATED_AT'].timetuple())}"
