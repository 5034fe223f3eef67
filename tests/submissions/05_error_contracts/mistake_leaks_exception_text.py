"""Puts the text of the original exception in the 500's detail, "to help debugging".

expect: task4_hidden
"""
# %% your_app
# -         return problem_response(500, error.name, SERVER_ERROR_DETAIL, error_id=error_id)
# +         return problem_response(500, error.name, f"Unexpected error: {error.original_exception}", error_id=error_id)
