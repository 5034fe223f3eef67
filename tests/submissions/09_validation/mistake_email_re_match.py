"""Checks the email with re.match in its own validator, which lets a trailing newline through ("eve@example.com\n" is accepted); breaks 'a string that matches the pattern as a whole'.

expect: task1_hidden
"""
# %% your_app
# - EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# + import re
# +
# + from pydantic import AfterValidator
# +
# + EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
# +
# +
# + def email_like(value):
# +     if not re.match(EMAIL, value):
# +         raise ValueError("not an email address")
# +     return value
# +
# - email: str = Field(pattern=EMAIL)
# + email: Annotated[str, AfterValidator(email_like)]
