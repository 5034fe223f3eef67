"""Checks which note each page starts with, never how many notes a page holds.

expect: task2_hidden_1
"""
# %% your_tests
# -     assert [note["id"] for note in first["notes"]] == ids[:2]
# -     assert [note["id"] for note in second["notes"]] == ids[2:]
# +     assert first["notes"][0]["id"] == ids[0]
# +     assert second["notes"][0]["id"] == ids[2]
