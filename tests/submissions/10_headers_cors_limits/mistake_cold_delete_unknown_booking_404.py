"""DELETE /bookings/<id> answers 404 for an id this app never issued (ids kept in a set); breaks task 1: "DELETE /bookings/<int:booking_id> answers 204 with an empty body" (no condition on the id).

expect: task1_hidden
base: alternative_cold_flask_cors_plain_functions
"""
# %% your_app
# -     next_id = {"value": 1}
# +     next_id = {"value": 1}
# +     issued = set()

# -         next_id["value"] += 1
# +         issued.add(booking["id"])
# +         next_id["value"] += 1

# -         return "", 204
# +         if booking_id not in issued:
# +             abort(404)
# +         issued.discard(booking_id)
# +         return "", 204
