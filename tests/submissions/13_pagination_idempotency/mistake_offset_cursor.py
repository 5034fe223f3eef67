"""Pages with an offset hidden in the base64 cursor: a payment added before it shifts every later page.

expect: task2_hidden
"""
# %% your_app
# -         cursor = request.args.get("cursor")
# -         if cursor is not None:
# -             position = decode_cursor(cursor)
# -             if position["filters"] != filters:
# -                 abort(400, description="this cursor belongs to a listing with other filters")
# -             rows = [p for p in rows if sort_key(p) < (position["created"], position["id"])]
# -         page = rows[:limit]
# +         cursor = request.args.get("cursor")
# +         offset = 0
# +         if cursor is not None:
# +             position = decode_cursor(cursor)
# +             if position["filters"] != filters or not position["id"].isdigit():
# +                 abort(400, description="this cursor belongs to a listing with other filters")
# +             offset = int(position["id"])
# +         rows = rows[offset:]
# +         page = rows[:limit]
# -             body["next"] = url_for("list_payments", limit=limit, cursor=encode_cursor(page[-1], filters), **args)
# +             mark = {"created": "", "id": str(offset + limit)}
# +             body["next"] = url_for("list_payments", limit=limit, cursor=encode_cursor(mark, filters), **args)
