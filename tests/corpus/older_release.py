"""An earlier release of routing.ipynb: most locked cells have other text and checksums.

It is not graded against the current tests: one unmatched row that says so.

exercise: 01_routing
expect: unmatched
flags: unmatched: routing.ipynb: an older release of 01_routing
"""
# %% old-release
