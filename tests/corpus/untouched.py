"""Control: the release notebook handed in as received.

exercise: 01_routing
expect: zero
base: untouched
"""

