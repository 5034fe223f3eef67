"""Counts in a Counter that starts empty, so /metrics lists no sample for a version nobody called yet.

expect: task4_hidden
"""
# %% your_app
# -     counts = {"v1": 0, "v2": 0}
# +     from collections import Counter
# +     counts = Counter()
