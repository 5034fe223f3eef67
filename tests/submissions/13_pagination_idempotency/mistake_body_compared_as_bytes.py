"""Compares the raw request bytes, so a retry that serialises the same JSON in another key order is refused as a conflict.

expect: task4_hidden
"""
# %% your_app
# -             if first["request"] != data:
# +             if first["request"] != request.get_data():
# -             replies[record_id] = {"request": data, "body": payment, "status": 201, "location": location}
# +             replies[record_id] = {"request": request.get_data(), "body": payment, "status": 201, "location": location}
