"""Binds the cursor to created_after exactly as the client wrote it, so the listing's instant written
another way (+02:00 instead of Z) next to its cursor answers 400: one of the two accepted readings.

expect: full marks
"""
# %% your_app
# -             body["next"] = url_for("list_payments", limit=limit, cursor=encode_cursor(page[-1], filters), **args)
# +             sent = {**filters, "as_sent": request.args.get("created_after")}
# +             body["next"] = url_for("list_payments", limit=limit, cursor=encode_cursor(page[-1], sent), **args)
# -             if position["filters"] != filters:
# +             if position["filters"] != {**filters, "as_sent": request.args.get("created_after")}:
