"""Leaves the title block of event.html as a fixed "Event" instead of the event’s title; breaks "event.html ...: the event’s title as the title block and in an <h1>".

expect: task1_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# - {% block title %}{{ event.title }}{% endblock %}
# + {% block title %}Event{% endblock %}
