"""Control: the release notebook with our solution pasted in.

exercise: 01_routing
expect: full marks
flags: none
"""

