"""Bookings kept in a dict, DELETE removes them and the new id is len(bookings)+1, so ids are reused after a delete; breaks task 1: "n counts 1, 2, 3, ... in each app".

expect: task1_hidden
base: alternative_cold_flask_cors_plain_functions
"""
# %% your_app
# -     next_id = {"value": 1}
# +     bookings = {}

# -         booking = {"id": next_id["value"], "sailing": data.get("sailing")}
# -         next_id["value"] += 1
# +         booking = {"id": len(bookings) + 1, "sailing": data.get("sailing")}
# +         bookings[booking["id"]] = booking

# -         return "", 204
# +         bookings.pop(booking_id, None)
# +         return "", 204
