"""Writes event.html as a whole document of its own instead of extending base.html.

expect: task1_hidden
"""
# %% your_app
# -     "event.html": """{% extends "base.html" %}
# - {% block title %}{{ event.title }}{% endblock %}
# - {% block content %}
# +     "event.html": """<!doctype html>
# + <html lang="en">
# + <head><meta charset="utf-8"><title>{{ event.title }} · Gather</title></head>
# + <body>

# -   <script type="application/json" id="event-data">{{ event|tojson }}</script>
# - {% endblock %}
# +   <script type="application/json" id="event-data">{{ event|tojson }}</script>
# + </body>
# + </html>
