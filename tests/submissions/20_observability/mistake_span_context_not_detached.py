"""Attaches the server span's context but never detaches it, so the next request's span nests in the last one.

expect: task5_hidden
"""
# %% your_app
# -             # Detach, or the next request on this thread would become a child of this one.
# -             context.detach(g.pop("span_token"))
# +             g.pop("span_token")
