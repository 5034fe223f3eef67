"""Never sets the server span's status to ERROR for a 5xx answer.

expect: task5_hidden
"""
# %% your_app
# -         if status >= 500:
# -             g.span.set_status(Status(StatusCode.ERROR))
# +         pass
# -             if exc is not None:
# -                 span.set_status(Status(StatusCode.ERROR))
# +             pass
