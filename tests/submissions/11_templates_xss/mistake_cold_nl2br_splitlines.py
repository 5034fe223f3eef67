"""Splits the summary with str.splitlines(), which also breaks on \r, \u2028, \x0b... and drops a trailing newline; breaks "each line break of the summary (\n) becomes a <br> there, and nothing else in the summary becomes markup".

expect: task2_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         return Markup("<br>").join(escape(line) for line in str(text).split("\n"))
# +         return Markup("<br>").join(escape(line) for line in str(text).splitlines())
