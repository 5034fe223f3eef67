"""Gives the hits property a setter, so hit_counter.hits is not read-only.

expect: task4_hidden
"""
# %% your_app
# -         return current_app.extensions["hit_counter"]["hits"]
# +         return current_app.extensions["hit_counter"]["hits"]
# +
# +     @hits.setter
# +     def hits(self, value):
# +         current_app.extensions["hit_counter"]["hits"] = value
