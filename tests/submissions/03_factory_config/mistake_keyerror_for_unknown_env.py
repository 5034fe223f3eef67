"""Looks the environment up with CONFIGS[name], so STATUS_ENV=staging fails
with a bare KeyError instead of a ValueError that explains the choices.

expect: task1_hidden
"""
# %% your_app
# -     if env_name not in CONFIGS:
# -         raise ValueError(
# -             f"STATUS_ENV={env_name!r} is not a known environment; use one of {', '.join(CONFIGS)}."
# -         )
# +     config_object = CONFIGS[env_name]

# -     app.config.from_object(CONFIGS[env_name])
# +     app.config.from_object(config_object)
