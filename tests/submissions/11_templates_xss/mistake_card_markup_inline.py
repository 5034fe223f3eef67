"""Writes each card's markup inside the loop of events.html instead of calling the event_card macro,
so macros.html is never used.

expect: task1_hidden
"""
# %% your_app
# -   {% for event in events %}{{ event_card(event) }}{% endfor %}
# +   {% for event in events %}
# +   <li class="event">
# +     <a href="{{ url_for('event_detail', event_id=event.id) }}">{{ event.title }}</a>
# +     <span class="host">{{ event.host }}</span>
# +   </li>
# +   {% endfor %}
