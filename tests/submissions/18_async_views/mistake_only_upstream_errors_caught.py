"""Catches only UpstreamError from an optional service: a ConnectionError or an UpstreamNotFound crashes the page.

expect: task4_hidden
"""
# %% your_app
# -     except Exception:  # any failure of an optional service costs only its own section
# +     except UpstreamError:
