"""Works on the STOCK dict and ORDERS list of the config itself instead of copies, so orders placed
in one app change the stock and orders of every other app built from the same data.

expect: task3_hidden
"""
# %% your_app
# -     stock = dict(app.config["STOCK"])
# -     orders = {order["id"]: dict(order) for order in app.config["ORDERS"]}
# +     stock = app.config["STOCK"]
# +     orders = app.config["ORDERS"]

# -         if order_id not in orders:
# -             abort(404, description=f"Order {order_id} does not exist.")
# -         return orders[order_id]
# +         for order in orders:
# +             if order["id"] == order_id:
# +                 return order
# +         abort(404, description=f"Order {order_id} does not exist.")

# -         order = {"id": max(orders, default=0) + 1, "sku": sku, "quantity": quantity}
# -         orders[order["id"]] = order
# +         order = {"id": max((o["id"] for o in orders), default=0) + 1, "sku": sku, "quantity": quantity}
# +         orders.append(order)
