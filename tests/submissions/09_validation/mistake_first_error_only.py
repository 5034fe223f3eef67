"""Reports only the first error pydantic found, so a body with several wrong values needs several round trips.

expect: task1_hidden
"""
# %% your_app
# -             return errors_response(422, *((field_path(e["loc"]), e["msg"]) for e in exc.errors()))
# +             first = exc.errors()[0]
# +             return errors_response(422, (field_path(first["loc"]), first["msg"]))
