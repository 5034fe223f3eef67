"""Writes the links as "/events" and "/events/{{ event.id }}" instead of url_for, so they break when
the board runs under a prefix such as /community.

expect: task1_hidden
"""
# %% your_app
# -   <nav><a href="{{ url_for('event_list') }}">All events</a></nav>
# +   <nav><a href="/events">All events</a></nav>

# -   <a href="{{ url_for('event_detail', event_id=event.id) }}">{{ event.title }}</a>
# +   <a href="/events/{{ event.id }}">{{ event.title }}</a>
