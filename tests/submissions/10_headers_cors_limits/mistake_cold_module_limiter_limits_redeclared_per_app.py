"""Module-level Limiter (allowed), but the views are defined and decorated with a fresh lambda inside create_app on every call, so each new app adds another copy of the same limit to the shared limiter and one request is counted several times; breaks task 4: "Each app the tests build must start with fresh counters" (and "POST /bookings allows BOOKING_RATE_LIMIT requests per client").

expect: task4_visible, task4_hidden
base: alternative_cold_module_extensions_config_driven
"""
# %% your_app
# - @limiter.limit(sailings_limit, exempt_when=is_options)
# - def list_sailings():
# -     return jsonify(current_app.config["SAILINGS"])
# -
# -
# - @limiter.limit(booking_limit, exempt_when=is_options)
# - def create_booking():
# -     body = request.get_json(silent=True) or {}
# -     booking_id = next(current_app.extensions["harbour_booking_ids"])
# -     return jsonify(id=booking_id, sailing=body.get("sailing")), 201
# -
# -
# - def cancel_booking(booking_id):
# -     return "", 204
# -
# -
# - def add_security_headers(response):
# + def add_security_headers(response):

# -     app.add_url_rule("/sailings", view_func=list_sailings, methods=["GET"])
# -     app.add_url_rule("/bookings", view_func=create_booking, methods=["POST"])
# -     app.add_url_rule("/bookings/<int:booking_id>", view_func=cancel_booking, methods=["DELETE"])
# +     @app.get("/sailings")
# +     @limiter.limit(lambda: current_app.config["SAILINGS_RATE_LIMIT"], exempt_when=is_options)
# +     def list_sailings():
# +         return jsonify(current_app.config["SAILINGS"])
# +
# +     @app.post("/bookings")
# +     @limiter.limit(lambda: current_app.config["BOOKING_RATE_LIMIT"], exempt_when=is_options)
# +     def create_booking():
# +         body = request.get_json(silent=True) or {}
# +         booking_id = next(current_app.extensions["harbour_booking_ids"])
# +         return jsonify(id=booking_id, sailing=body.get("sailing")), 201
# +
# +     @app.delete("/bookings/<int:booking_id>")
# +     def cancel_booking(booking_id):
# +         return "", 204
