"""Commits the order first to get its id, then adds the lines: a refused line leaves an order without lines.

expect: task2_hidden_2
"""
# %% your_app
# -         order = Order(customer=customer)
# -         db.session.add(order)
# +         order = Order(customer=customer)
# +         db.session.add(order)
# +         db.session.commit()  # the lines need order.id
# -             order.lines.append(OrderLine(product=product, quantity=line["quantity"]))
# +             db.session.add(OrderLine(order_id=order.id, product_id=product.id, quantity=line["quantity"]))
