"""Sends the ETag on GET only: a successful PUT or PATCH answers without the new tag.

expect: task4_hidden
"""
# %% your_app
# -         # Replace: members the body leaves out go back to their defaults.
# -         return project_response(store(project_id, fields))
# +         return jsonify(store(project_id, fields))
# -             abort(400, description="The patched project would not be valid.")
# -         return project_response(store(project_id, fields))
# +             abort(400, description="The patched project would not be valid.")
# +         return jsonify(store(project_id, fields))
