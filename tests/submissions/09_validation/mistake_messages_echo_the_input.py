"""Adds the rejected value to each message "to help the client", so a rejected password comes back in the 422.

expect: task1_hidden
"""
# %% your_app
# -             return errors_response(422, *((field_path(e["loc"]), e["msg"]) for e in exc.errors()))
# +             return errors_response(422, *((field_path(e["loc"]), f"{e['msg']} (got {e['input']!r})") for e in exc.errors()))
