"""Rejects notes without a title or with a title that is not a string, never one with an empty title.

expect: task3_hidden_3
"""
# %% your_tests
# - @pytest.mark.parametrize("payload", [{}, {"title": ""}, {"title": 7}, {"body": "no title"}, ["Milk"]])
# + @pytest.mark.parametrize("payload", [{}, {"title": 7}, {"body": "no title"}, ["Milk"]])
# -     batch = {"notes": [{"title": "good"}, {"title": "also good"}, {"title": ""}]}
# +     batch = {"notes": [{"title": "good"}, {"title": "also good"}, {"title": None}]}
