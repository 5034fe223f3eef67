"""Turns QUAYSIDE_READ_ONLY into a bool with bool(): "false", "0" and "off" switch read-only on.

expect: task1_hidden
"""
# %% your_app
# -     read_only = setting("READ_ONLY", "false").strip().lower()
# -     if read_only not in TRUE_WORDS | FALSE_WORDS:
# -         raise RuntimeError(f"{PREFIX}READ_ONLY must be one of {sorted(TRUE_WORDS | FALSE_WORDS)}, got {read_only!r}")
# -     return {"SECRET_KEY": secret, "TRUSTED_PROXIES": int(proxies), "READ_ONLY": read_only in TRUE_WORDS}
# +     read_only = bool(setting("READ_ONLY", ""))
# +     return {"SECRET_KEY": secret, "TRUSTED_PROXIES": int(proxies), "READ_ONLY": read_only}
