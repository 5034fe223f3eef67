"""Checks "page" and "total" only on a first page that holds every note, so a
"total" that counts one page, or a "page" that is always 1, goes unnoticed.

expect: task2_hidden_1
"""
# %% your_tests
# -     assert (first["page"], second["page"]) == (1, 2)
# -     assert first["total"] == second["total"] == 3
# -
# +
# -     assert response.json == {"notes": [], "page": 2, "total": 1}
# +     assert response.json["notes"] == []
