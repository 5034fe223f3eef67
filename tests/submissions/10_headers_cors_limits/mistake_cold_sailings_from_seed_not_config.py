"""GET /sailings returns the SEED_SAILINGS global instead of the app's config; breaks task 1: "GET /sailings answers 200 with the app's SAILINGS as a JSON list".

expect: task1_hidden
base: alternative_cold_flask_cors_plain_functions
"""
# %% your_app
# -         return jsonify(current_app.config["SAILINGS"])
# +         return jsonify(SEED_SAILINGS)
