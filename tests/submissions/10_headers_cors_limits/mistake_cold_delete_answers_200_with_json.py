"""DELETE /bookings/<id> answers 200 with a JSON confirmation instead of an empty 204; breaks task 1: "DELETE /bookings/<int:booking_id> answers 204 with an empty body".

expect: task1_hidden
base: alternative_cold_flask_cors_plain_functions
"""
# %% your_app
# -         return "", 204
# +         return jsonify(deleted=booking_id)
