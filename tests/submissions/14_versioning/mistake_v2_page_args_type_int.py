"""Reads page and per_page with request.args.get(..., type=int): "abc" and "1.5" silently become the default.

expect: task2_hidden_2
"""
# %% your_app
# -         raw = request.args.get(name)
# -         if raw is None:
# -             return default
# -         if not re.fullmatch(r"[0-9]+", raw) or not 1 <= int(raw) <= maximum:
# -             abort(400, description=f"{name} must be an integer from 1 to {maximum}")
# -         return int(raw)
# +         value = request.args.get(name, default, type=int)
# +         if not 1 <= value <= maximum:
# +             abort(400, description=f"{name} must be an integer from 1 to {maximum}")
# +         return value
