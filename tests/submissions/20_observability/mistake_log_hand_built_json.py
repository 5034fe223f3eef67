"""Builds the JSON log line with an f-string, so a quote, backslash or newline in the path breaks it.

expect: task3_hidden
"""
# %% your_app
# -         entry = {"level": record.levelname, "logger": record.name, "message": record.getMessage()}
# -         entry.update(getattr(record, "fields", {}))
# -         # json.dumps escapes quotes, newlines and control characters: one line, whatever the path held.
# -         return json.dumps(entry, default=str)
# +         f = getattr(record, "fields", {})
# +         return (f'{{"level": "{record.levelname}", "request_id": "{f.get("request_id")}", '
# +                 f'"method": "{f.get("method")}", "path": "{f.get("path")}", '
# +                 f'"status": {f.get("status")}, "duration_ms": {f.get("duration_ms")}}}')
