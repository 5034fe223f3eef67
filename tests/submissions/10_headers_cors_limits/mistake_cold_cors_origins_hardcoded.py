"""flask-cors given the FRONT_ENDS list directly instead of the app's CORS_ORIGINS config; breaks task 3: "origins: the app's CORS_ORIGINS".

expect: task3_hidden, task3_hidden_2
base: alternative_cold_flask_cors_plain_functions
"""
# %% your_app
# -         origins=list(app.config["CORS_ORIGINS"]),
# +         origins=FRONT_ENDS,
