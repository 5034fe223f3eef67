"""GET /orders sorted newest first, as dashboards usually are; breaks "`GET /orders` answers `200` with every order, lowest `id` first".

expect: task3_hidden
base: alternative_cold_blueprint_methodview
"""
# %% your_app
# -         orders = db.session.scalars(db.select(Order).order_by(Order.id)).all()
# +         orders = db.session.scalars(db.select(Order).order_by(Order.id.desc())).all()
