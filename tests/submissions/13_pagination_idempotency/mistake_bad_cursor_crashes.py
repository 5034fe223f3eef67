"""Catches undecodable cursors but not well-formed ones of the wrong shape, which crash with a KeyError (a 500).

expect: task2_hidden
"""
# %% your_app
# -     try:
# -         raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
# -         position = json.loads(raw)
# -     except (ValueError, binascii.Error, UnicodeDecodeError):
# -         abort(400, description="cursor is not valid")
# -     if (not isinstance(position, dict) or not isinstance(position.get("created"), str)
# -             or not isinstance(position.get("id"), str) or not isinstance(position.get("filters"), dict)):
# -         abort(400, description="cursor is not valid")
# -     return position
# +     try:
# +         return json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
# +     except (ValueError, binascii.Error):
# +         abort(400, description="cursor is not valid")
