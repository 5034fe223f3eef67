"""The token is the last word of Authorization whatever the scheme, so `Basic tok-ada-7f3a` or `Token tok-ada-7f3a` opens ada's basket. Breaks task 3: "no token, an unknown one or another scheme answers 401".

expect: task3_hidden
base: alternative_cold_decorators
"""
# %% your_app
# -     scheme, _, token = header.strip().partition(" ")
# -     if scheme.lower() != "bearer" or not token.strip():
# +     parts = header.split()
# +     if not parts:

# -     return tokens.get(token.strip())
# +     token = parts[-1]
# +     return tokens.get(token.strip())
