"""PUT looks for the key among all projects, the one being replaced included, so a PUT that keeps
the project's own key answers 409.

expect: task3_hidden
"""
# %% your_app
# -         # Replace: members the body leaves out go back to their defaults.
# +         if key_taken(fields["key"]):
# +             abort(409, description="That key is taken.")
