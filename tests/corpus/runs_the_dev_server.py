"""Ends the answer cell with `create_app().run()`, the development server, which never returns by itself.

A common habit from scripts. The answer cell blocks until the cell timeout
interrupts it; the development server stops on KeyboardInterrupt and the
cell ends, with create_app defined. Every test then passes: the Flask code is
ours, so full marks. (Killing the kernel instead of interrupting it would run
the tests without create_app and cost every point.)

exercise: 01_routing
expect: full marks
"""
# %% append your_app
create_app().run(host="127.0.0.1", port=5000)
