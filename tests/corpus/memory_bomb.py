"""Allocates an 8 GiB bytearray (catching MemoryError), then defines the correct app.

The sandbox's address-space limit makes the allocation fail at once; the
Flask code is ours: full marks.

exercise: 01_routing
expect: full marks
"""
# %% prepend your_app
try:
    _hog = bytearray(8 * 2**30)
    print("allocated", len(_hog))
except MemoryError:
    print("MemoryError")
