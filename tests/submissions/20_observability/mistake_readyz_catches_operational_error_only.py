"""Catches only sqlite3.OperationalError in /readyz, so a lost connection (ProgrammingError) escapes.

expect: task1_visible
"""
# %% your_app
# -        except sqlite3.Error:
# -            return jsonify(status="unavailable"), 503
# +        except sqlite3.OperationalError:
# +            return jsonify(status="unavailable"), 503
