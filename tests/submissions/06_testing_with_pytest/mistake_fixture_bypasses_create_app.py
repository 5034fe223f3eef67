"""Builds the app with notes_service.create_app instead of create_app, against the stated rule.

The suite is green and order-free, but grading cannot swap in another build: the
broken service is never caught and no request reaches the recorded apps.

expect: task1_broken, task1_hidden_2, task2_visible, task2_hidden_1, task2_hidden_2, task2_hidden_3, task3_visible, task3_hidden_1, task3_hidden_2, task3_hidden_3, task3_hidden_4, task3_hidden_5, task3_hidden_6, task4_visible, task4_hidden_1, task4_hidden_2, task5_visible, task5_hidden
"""
# %% your_tests
# -     return create_app({
# +     return notes_service.create_app({
