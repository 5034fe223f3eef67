"""Takes a created_after without a time zone as UTC instead of refusing it.

expect: task3_hidden
"""
# %% your_app
# -         if moment.tzinfo is None:
# -             abort(400, description="created_after needs a time zone")
# +         if moment.tzinfo is None:
# +             moment = moment.replace(tzinfo=timezone.utc)
