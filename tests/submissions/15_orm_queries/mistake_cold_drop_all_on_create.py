"""The factory calls db.drop_all() before db.create_all() for a clean slate; breaks "an app built on a file that already holds tables and rows keeps them".

expect: task1_hidden
"""
# %% your_app
from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload

# The extension object: made once per run of this cell; create_app calls db.init_app(app).
db = SQLAlchemy()


class Customer(db.Model):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str] = mapped_column(unique=True)


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint("price_cents > 0", name="ck_products_price_positive"),
        CheckConstraint("stock >= 0", name="ck_products_stock_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    price_cents: Mapped[int]
    stock: Mapped[int]

    def to_dict(self):
        return {"id": self.id, "sku": self.sku, "name": self.name,
                "price_cents": self.price_cents, "stock": self.stock}


class Order(db.Model):
    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))

    customer: Mapped[Customer] = relationship()
    lines: Mapped[list["OrderLine"]] = relationship(back_populates="order")


class OrderLine(db.Model):
    __tablename__ = "order_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="ck_order_lines_quantity_positive"),
        UniqueConstraint("order_id", "product_id", name="uq_order_lines_order_product"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int]

    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


def _is_int(value, minimum):
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _is_text(value):
    return isinstance(value, str) and value != ""


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    if test_config:
        app.config.update(test_config)
    db.init_app(app)
    with app.app_context():
        db.drop_all()
        db.create_all()

    @app.post("/products")
    def create_product():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400)
        sku, name = data.get("sku"), data.get("name")
        price_cents, stock = data.get("price_cents"), data.get("stock")
        if not (_is_text(sku) and _is_text(name) and _is_int(price_cents, 1) and _is_int(stock, 0)):
            abort(422)
        if db.session.scalar(select(Product.id).where(Product.sku == sku)) is not None:
            abort(409)
        product = Product(sku=sku, name=name, price_cents=price_cents, stock=stock)
        db.session.add(product)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()
            abort(409)
        return jsonify(product.to_dict()), 201

    @app.get("/products/<sku>")
    def show_product(sku):
        product = db.session.scalar(select(Product).where(Product.sku == sku))
        if product is None:
            abort(404)
        return jsonify(product.to_dict())

    @app.post("/orders")
    def create_order():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400)
        customer_id, lines = data.get("customer_id"), data.get("lines")
        if not _is_int(customer_id, 1):
            abort(422)
        if not isinstance(lines, list) or not lines:
            abort(422)
        for line in lines:
            if not isinstance(line, dict) or not _is_text(line.get("sku")) or not _is_int(line.get("quantity"), 1):
                abort(422)

        customer = db.session.get(Customer, customer_id)
        if customer is None:
            abort(404)
        skus = [line["sku"] for line in lines]
        products = {p.sku: p for p in db.session.scalars(select(Product).where(Product.sku.in_(skus)))}
        if any(sku not in products for sku in skus):
            abort(404)
        if any(products[line["sku"]].stock < line["quantity"] for line in lines):
            abort(409)

        order = Order(customer_id=customer.id)
        total = 0
        for line in lines:
            product = products[line["sku"]]
            product.stock -= line["quantity"]
            order.lines.append(OrderLine(product=product, quantity=line["quantity"]))
            total += line["quantity"] * product.price_cents
        db.session.add(order)
        db.session.commit()
        return jsonify({
            "id": order.id,
            "customer_id": customer_id,
            "lines": [{"sku": line["sku"], "quantity": line["quantity"]} for line in lines],
            "total_cents": total,
        }), 201

    @app.get("/orders")
    def list_orders():
        query = (
            select(Order)
            .options(joinedload(Order.customer),
                     selectinload(Order.lines).joinedload(OrderLine.product))
            .order_by(Order.id)
        )
        out = []
        for order in db.session.scalars(query).unique():
            lines = [{"sku": line.product.sku, "name": line.product.name,
                      "quantity": line.quantity, "price_cents": line.product.price_cents}
                     for line in order.lines]
            out.append({
                "id": order.id,
                "customer": {"id": order.customer.id, "name": order.customer.name},
                "lines": lines,
                "total_cents": sum(l["quantity"] * l["price_cents"] for l in lines),
            })
        return jsonify({"orders": out})

    @app.get("/products/<sku>/sales")
    def product_sales(sku):
        product_id = db.session.scalar(select(Product.id).where(Product.sku == sku))
        if product_id is None:
            abort(404)
        units, orders = db.session.execute(
            select(func.coalesce(func.sum(OrderLine.quantity), 0),
                   func.count(func.distinct(OrderLine.order_id)))
            .where(OrderLine.product_id == product_id)
        ).one()
        return jsonify({"sku": sku, "units": units, "orders": orders})

    return app
