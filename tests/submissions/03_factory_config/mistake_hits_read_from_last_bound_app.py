"""Remembers the last app in init_app (self.app) and reads hits from it, so
every app's /stats shows the count of the newest app.

expect: task4_hidden
"""
# %% your_app
# -         # app the process builds, and they must not share a number.
# +         # app the process builds, and they must not share a number.
# +         self.app = app

# -         return current_app.extensions["hit_counter"]["hits"]
# +         return self.app.extensions["hit_counter"]["hits"]
