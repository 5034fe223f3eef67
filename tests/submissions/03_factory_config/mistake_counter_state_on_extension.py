"""Keeps the count on the HitCounter object (reset in init_app), so every app
built with the one module-level hit_counter shares the same number.

expect: task4_hidden
"""
# %% your_app
# -         # The count lives in the app, not in self: one HitCounter serves every
# -         # app the process builds, and they must not share a number.
# -         app.extensions["hit_counter"] = {"hits": 0}
# +         self._hits = 0
# +         app.extensions["hit_counter"] = self

# -     @staticmethod
# -     def _count():
# -         current_app.extensions["hit_counter"]["hits"] += 1
# +     def _count(self):
# +         self._hits += 1

# -         return current_app.extensions["hit_counter"]["hits"]
# +         return self._hits
