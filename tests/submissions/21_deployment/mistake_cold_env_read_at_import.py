"""Reads the QUAYSIDE_* variables once at module import, not in create_app; breaks task 1's 'reads these environment variables **when it is called**' (task 2 imports the module in the environment it tests, so only task 1 loses).

expect: task1_hidden
base: alternative_cold_helpers_venv_slim
"""
# %% your_app
# - def _env(name):
# + # Read the platform's variables once, when the module is imported.
# + _ENVIRON = {name: os.environ.get(PREFIX + name) for name in ("SECRET_KEY", "TRUSTED_PROXIES", "READ_ONLY")}
# +
# +
# + def _env(name):

# -     return os.environ.get(PREFIX + name)
# +     return _ENVIRON[name]
