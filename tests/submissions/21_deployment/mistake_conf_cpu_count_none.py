"""Computes workers from os.cpu_count() alone, which crashes when the CPU count is unknown (None).

expect: task3_hidden
"""
# %% your_conf
# - cpus = os.cpu_count() or 1
# + cpus = os.cpu_count()
