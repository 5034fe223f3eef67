"""Answers the outage with a try/except in GET /notes instead of an error
handler for DatabaseError, so GET /summary during an outage raises instead of
answering 503.

expect: task2_hidden
"""
# %% your_app
# -     @app.errorhandler(DatabaseError)
# -     def database_unavailable(error):
# +     def database_unavailable(error):
# -         return jsonify(get_db().all_notes())
# +         try:
# +             return jsonify(get_db().all_notes())
# +         except DatabaseError as error:
# +             return database_unavailable(error)
