"""Answers a retry with the stored payment as 200 OK and no Location, not the first 201 answer.

expect: task4_hidden
"""
# %% your_app
# -             return jsonify(first["body"]), first["status"], {"Location": first["location"]}
# +             return jsonify(store.get(first["body"]["id"]))
