"""Bakes a default QUAYSIDE_SECRET_KEY into the image with ENV.

expect: task5_hidden_2
"""
# %% your_dockerfile
# - ENV PATH="/venv/bin:$PATH" PYTHONUNBUFFERED=1 PORT=8000
# + ENV PATH="/venv/bin:$PATH" PYTHONUNBUFFERED=1 PORT=8000 QUAYSIDE_SECRET_KEY=change-me
