"""topics typed list[...] | None, so "topics": null is accepted and answered as null; breaks 'topics: a list of at most 5 strings' / 'Values of the wrong type are errors'.

expect: task1_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -     topics: list[Topic] = Field(default_factory=list, max_length=5)
# +     topics: list[Topic] | None = Field(default_factory=list, max_length=5)
