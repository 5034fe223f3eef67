"""Release 2 writes both columns on create, but a rename writes full_name only.

expect: task3_hidden
"""
# %% release_2
# -         customer.name = customer.full_name = request.get_json()["name"]
# -         db.session.commit()
# -         return jsonify(shown(customer))
# +         customer.full_name = request.get_json()["name"]
# +         db.session.commit()
# +         return jsonify({"id": customer.id, "name": customer.full_name, "email": customer.email})
