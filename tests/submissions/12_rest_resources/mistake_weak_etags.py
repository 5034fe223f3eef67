"""Sends weak ETags (W/"...") and compares them weakly: its own tags round-trip, but If-Match needs
a strong validator and strong comparison.

expect: task4_hidden
"""
# %% your_app
# -         if not request.if_match.contains(etag_of(project)):
# +         if not request.if_match.contains_weak(etag_of(project)):
# -         response.set_etag(etag_of(project))
# +         response.set_etag(etag_of(project), weak=True)
