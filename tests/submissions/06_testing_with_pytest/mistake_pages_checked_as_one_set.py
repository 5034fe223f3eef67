"""Checks that the pages together hold every note once, in any order, so notes
listed backwards go unnoticed.

expect: task2_hidden_1
"""
# %% your_tests
# -     assert [note["id"] for note in first["notes"]] == ids[:2]
# -     assert [note["id"] for note in second["notes"]] == ids[2:]
# +     assert sorted(note["id"] for note in first["notes"] + second["notes"]) == ids
# -     assert [note["id"] for note in listed["notes"]] == response.json["ids"]
# +     assert sorted(note["id"] for note in listed["notes"]) == sorted(response.json["ids"])
