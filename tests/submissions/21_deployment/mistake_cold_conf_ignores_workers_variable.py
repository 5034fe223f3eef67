"""Sets workers = 2 * CPUs + 1 always and ignores QUAYSIDE_WORKERS; breaks task 3's 'workers: $QUAYSIDE_WORKERS when set' (task 4 counts the workers the file sets, so only task 3 loses).

expect: task3_hidden
base: alternative_cold_helpers_venv_slim
"""
# %% your_conf
# - workers = int(os.environ.get("QUAYSIDE_WORKERS") or 2 * cpus + 1)
# + workers = 2 * cpus + 1
