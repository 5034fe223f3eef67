"""Merges only the top level: a nested object in the patch replaces the whole settings object.

expect: task3_hidden
"""
# %% your_app
# -             result[name] = merge_patch(result.get(name), value)
# +             result[name] = copy.deepcopy(value)
