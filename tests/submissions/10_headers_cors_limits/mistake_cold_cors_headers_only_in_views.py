"""Hand-written CORS headers added by the views' own decorator (preflights in before_request), so error answers (404, 405, 429, 500) to an allowed origin carry no CORS headers; breaks task 3: "an actual request (any route, any method) with an Origin header: from an allowed origin, the three headers above".

expect: task3_hidden
base: alternative_cold_blueprint_methodview_handwritten_cors
"""
# %% your_app
# -         return origin
# -     return None
# +         return origin
# +     return None
# +
# +
# + def _add_cors(response):
# +     origin = _allowed_origin()
# +     response.vary.add("Origin")
# +     if origin is not None:
# +         response.headers["Access-Control-Allow-Origin"] = origin
# +         response.headers["Access-Control-Allow-Credentials"] = "true"
# +     return response
# +
# +
# + def with_cors(view):
# +     def wrapper(*args, **kwargs):
# +         return _add_cors(make_response(view(*args, **kwargs)))
# +     wrapper.__name__ = view.__name__
# +     wrapper.__qualname__ = view.__qualname__
# +     return wrapper

# -         decorators = [limiter.limit(lambda: current_app.config["SAILINGS_RATE_LIMIT"])]
# +         decorators = [with_cors, limiter.limit(lambda: current_app.config["SAILINGS_RATE_LIMIT"])]

# -         decorators = [limiter.limit(lambda: current_app.config["BOOKING_RATE_LIMIT"])]
# +         decorators = [with_cors, limiter.limit(lambda: current_app.config["BOOKING_RATE_LIMIT"])]

# -         def delete(self, booking_id):
# +         decorators = [with_cors]
# +
# +         def delete(self, booking_id):

# -     def cors_headers(response):
# +     def preflight_headers(response):
# +         if not _is_preflight():
# +             return response

# -         if _is_preflight():
# -             wanted = request.headers.get("Access-Control-Request-Method", "").upper()
# -             if wanted in CORS_METHODS:
# -                 response.headers["Access-Control-Allow-Methods"] = ", ".join(CORS_METHODS)
# -                 asked = [h.strip() for h in request.headers.get("Access-Control-Request-Headers", "").split(",") if h.strip()]
# -                 allowed = [h for h in asked if h.lower() in {x.lower() for x in CORS_HEADERS}]
# -                 response.headers["Access-Control-Allow-Headers"] = ", ".join(allowed or CORS_HEADERS)
# -                 response.headers["Access-Control-Max-Age"] = "600"
# +         wanted = request.headers.get("Access-Control-Request-Method", "").upper()
# +         if wanted in CORS_METHODS:
# +             response.headers["Access-Control-Allow-Methods"] = ", ".join(CORS_METHODS)
# +             asked = [h.strip() for h in request.headers.get("Access-Control-Request-Headers", "").split(",") if h.strip()]
# +             allowed = [h for h in asked if h.lower() in {x.lower() for x in CORS_HEADERS}]
# +             response.headers["Access-Control-Allow-Headers"] = ", ".join(allowed or CORS_HEADERS)
# +             response.headers["Access-Control-Max-Age"] = "600"
