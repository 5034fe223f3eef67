"""Always runs 2 x CPUs + 1 workers: QUAYSIDE_WORKERS set by the platform is ignored.

expect: task4_hidden
"""
# %% your_conf
# - workers = int(os.environ.get("QUAYSIDE_WORKERS") or 2 * cpus + 1)
# + workers = 2 * cpus + 1
