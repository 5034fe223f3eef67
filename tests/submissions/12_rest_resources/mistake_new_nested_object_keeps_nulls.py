"""Recurses only where the target already has an object: a new nested object is stored as sent,
its null members included.

expect: task3_hidden
"""
# %% your_app
# -             result[name] = merge_patch(result.get(name), value)
# +             if isinstance(value, dict) and isinstance(result.get(name), dict):
# +                 result[name] = merge_patch(result[name], value)
# +             else:
# +                 result[name] = copy.deepcopy(value)
