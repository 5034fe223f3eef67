"""Handed in exercise 02's blank notebook (contexts.ipynb) saved as routing.ipynb.

Notebooks are matched by their grade ids and locked cells, not their names:
it is graded as 02_contexts, where it is blank, so every auto task scores 0,
and nothing is graded for 01_routing.

exercise: 02_contexts
expect: zero
base: untouched
file: routing.ipynb
"""

