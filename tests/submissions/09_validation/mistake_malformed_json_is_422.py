"""Hands the raw body to model_validate_json, so malformed JSON and non-object bodies get a 422 instead of the 400.

expect: task2_hidden
"""
# %% your_app
# -         data = request.get_json(silent=True)  # a body above the limit raises 413 here
# -         if not isinstance(data, dict):
# -             return errors_response(400, (None, "The body must be a JSON object."))
# -         try:
# -             account = AccountIn.model_validate(data)
# +         try:
# +             account = AccountIn.model_validate_json(request.get_data())
