"""Checks an order line's quantity with isinstance(quantity, int), so "quantity": true orders one unit.

expect: task2_hidden
"""
# %% your_app
# -             if not isinstance(line, dict) or not text_field(line.get("sku")) or not whole(line.get("quantity"), 1):
# +             quantity = line.get("quantity") if isinstance(line, dict) else None
# +             if not text_field(line.get("sku") if isinstance(line, dict) else None) or not isinstance(quantity, int) or quantity < 1:
