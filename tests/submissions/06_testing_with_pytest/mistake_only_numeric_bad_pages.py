"""Tests page 0 and -1, never a page that is not a number.

expect: task2_hidden_2
"""
# %% your_tests
# - @pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", ""])
# + @pytest.mark.parametrize("page", ["0", "-1"])
