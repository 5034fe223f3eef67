"""flask-cors allow_headers lists only Content-Type (all the JSON front end seemed to need), so a preflight asking for Authorization is not granted it; breaks task 3: "request headers: Content-Type and Authorization" and "Access-Control-Allow-Headers listing the requested headers".

expect: task3_hidden_2
base: alternative_cold_flask_cors_plain_functions
"""
# %% your_app
# -         allow_headers=["Content-Type", "Authorization"],
# +         allow_headers=["Content-Type"],
