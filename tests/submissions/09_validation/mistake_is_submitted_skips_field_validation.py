"""Saves on form.is_submitted() and leaves the token to CSRFProtect, so an empty sender name is saved.

expect: task4_hidden
"""
# %% your_app
# -         if form.validate_on_submit():
# +         if form.is_submitted():
