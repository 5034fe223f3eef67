"""Passes instance_path but forgets instance_relative_config=True, so
from_pyfile looks for settings.py next to the code and never finds it.

expect: task2_visible
"""
# %% your_app
# -     app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
# +     app = Flask(__name__, instance_path=instance_path)
