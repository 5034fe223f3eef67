"""HitCounter(app) only stores the app and never calls init_app, so an app
passed to the constructor is not counted (create_app itself uses init_app).

expect: task4_hidden
"""
# %% your_app
# -         if app is not None:
# -             self.init_app(app)
# +         self.app = app
