"""Echoes whatever Origin the request sends (flask-cors with a match-everything pattern and credentials).

expect: task3_hidden, task3_hidden_2
"""
# %% your_app
# -         origins=list(app.config["CORS_ORIGINS"]),
# +         origins=r".*",
