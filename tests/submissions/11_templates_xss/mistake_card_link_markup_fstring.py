"""Builds each card's link in Python with Markup(f"...") around the title, "to keep the template
short", so a title with HTML becomes markup.

expect: task2_hidden
"""
# %% your_app
# -     @app.template_filter("nl2br")
# +     @app.template_global()
# +     def link_to(event):
# +         url = url_for("event_detail", event_id=event["id"])
# +         return Markup(f'<a href="{url}">{event["title"]}</a>')
# +
# +     @app.template_filter("nl2br")

# -   <a href="{{ url_for('event_detail', event_id=event.id) }}">{{ event.title }}</a>
# +   {{ link_to(event) }}
