"""Links every website and relies on autoescaping, which does not stop a javascript: URL.

expect: task3_hidden
"""
# %% your_app
# -   {% if event.website is web_url %}
# -   <a class="website" href="{{ event.website }}" rel="nofollow">{{ event.website }}</a>
# -   {% endif %}
# +   <a class="website" href="{{ event.website }}" rel="nofollow">{{ event.website }}</a>
