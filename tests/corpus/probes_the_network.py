"""Tries to reach a local port and pypi.org (recording the results), then defines the correct app.

The sandbox has no network: both attempts fail, which
test_the_network_is_unreachable reads from the answer cell's output. The
Flask code is ours: full marks.

exercise: 01_routing
expect: full marks
"""
# %% prepend your_app
import socket
import urllib.request

try:
    socket.create_connection(("127.0.0.1", 22), timeout=1).close()
    print("tcp 127.0.0.1:22: reached")
except OSError as exc:
    print(f"tcp 127.0.0.1:22: failed ({type(exc).__name__})")
try:
    urllib.request.urlopen("https://pypi.org/simple/flask/", timeout=3).close()
    print("https pypi.org: reached")
except OSError as exc:
    print(f"https pypi.org: failed ({type(exc).__name__})")
