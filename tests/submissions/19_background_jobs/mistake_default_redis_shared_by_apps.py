"""Makes the default Redis once at module level, so every app built without a test Redis shares one queue.

expect: task1_hidden
"""
# %% your_app
# - def create_app(test_config=None):
# -     """The Ledgerly invoice-sending API."""
# -     app = Flask(__name__)
# -     app.config.from_mapping(REDIS=fresh_redis(), RETRIES=3, BACKOFF=[10, 30, 60])
# + DEFAULT_REDIS = fresh_redis()
# +
# +
# + def create_app(test_config=None):
# +     """The Ledgerly invoice-sending API."""
# +     app = Flask(__name__)
# +     app.config.from_mapping(REDIS=DEFAULT_REDIS, RETRIES=3, BACKOFF=[10, 30, 60])
