"""The payment is created with utc_now() instead of app.config["CLOCK"](), so a test clock is ignored; breaks "stores the payment with store.create(amount, currency, description, app.config["CLOCK"]())".

expect: task4_hidden
base: alternative_cold_plain_functions_b64json_cursor
"""
# %% your_app
# -         payment = app.config["STORE"].create(amount, currency, description, app.config["CLOCK"]())
# +         payment = app.config["STORE"].create(amount, currency, description, utc_now())
