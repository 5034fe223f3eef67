"""A correct app in the classic db.Column style: lazy="selectin" relationships, the legacy Model.query API,
a covering index (product_id, quantity) under a name of its own, sales summed in Python over product.lines,
and too little stock left to the CHECK constraint (IntegrityError at commit, rolled back, 409).

expect: full marks
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
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(200), nullable=False)
    email = db.Column(db.String(200), nullable=False, unique=True)


class Product(db.Model):
    __tablename__ = "products"
    id = db.Column(db.Integer, primary_key=True)
    sku = db.Column(db.String(40), nullable=False, unique=True)
    name = db.Column(db.String(200), nullable=False)
    price_cents = db.Column(db.Integer, db.CheckConstraint("price_cents > 0"), nullable=False)
    stock = db.Column(db.Integer, db.CheckConstraint("stock >= 0"), nullable=False)
    lines = db.relationship("OrderLine", back_populates="product", lazy="select")


class Order(db.Model):
    __tablename__ = "orders"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
    customer = db.relationship(Customer, lazy="selectin")
    lines = db.relationship("OrderLine", back_populates="order", lazy="selectin")


class OrderLine(db.Model):
    __tablename__ = "order_lines"
    __table_args__ = (
        db.UniqueConstraint("order_id", "product_id", name="uq_line_per_product"),
        db.Index("lines_by_product", "product_id", "quantity"),
    )
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, db.ForeignKey("orders.id"), nullable=False)
    product_id = db.Column(db.Integer, db.ForeignKey("products.id"), nullable=False)
    quantity = db.Column(db.Integer, db.CheckConstraint("quantity > 0"), nullable=False)
    order = db.relationship(Order, back_populates="lines")
    product = db.relationship(Product, back_populates="lines", lazy="selectin")


def as_int(value, low):
    if type(value) is not int or value < low:
        raise ValueError(value)
    return value


def as_text(value):
    if type(value) is not str or not value:
        raise ValueError(value)
    return value


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update({"SQLALCHEMY_DATABASE_URI": "sqlite://", **(test_config or {})})
    db.init_app(app)
    with app.app_context():
        db.create_all()

    def body_object():
        data = request.get_json(silent=True)
        if type(data) is not dict:
            abort(400)
        return data

    @app.route("/products", methods=["POST"])
    def new_product():
        data = body_object()
        try:
            fields = dict(sku=as_text(data.get("sku")), name=as_text(data.get("name")),
                          price_cents=as_int(data.get("price_cents"), 1), stock=as_int(data.get("stock"), 0))
        except ValueError:
            abort(400)
        if Product.query.filter_by(sku=fields["sku"]).first() is not None:
            return {"error": "duplicate sku"}, 409
        product = Product(**fields)
        db.session.add(product)
        db.session.commit()
        return jsonify(id=product.id, **fields), 201

    @app.route("/products/<sku>")
    def show_product(sku):
        p = Product.query.filter_by(sku=sku).first_or_404()
        return jsonify(id=p.id, sku=p.sku, name=p.name, price_cents=p.price_cents, stock=p.stock)

    @app.route("/orders", methods=["POST"])
    def new_order():
        data = body_object()
        try:
            customer_id = as_int(data.get("customer_id"), 1)
            wanted = data.get("lines")
            if type(wanted) is not list or not wanted:
                raise ValueError(wanted)
            pairs = [(as_text(w.get("sku")), as_int(w.get("quantity"), 1)) if type(w) is dict else as_int(None, 0)
                     for w in wanted]
        except ValueError:
            abort(400)
        customer = db.get_or_404(Customer, customer_id)
        order = Order(customer=customer)
        with db.session.no_autoflush:
            for sku, quantity in pairs:
                product = Product.query.filter_by(sku=sku).first()
                if product is None:
                    db.session.rollback()
                    abort(404)
                product.stock = product.stock - quantity
                order.lines.append(OrderLine(product=product, quantity=quantity))
        db.session.add(order)
        try:
            db.session.commit()
        except IntegrityError:
            # CHECK (stock >= 0) refused a stock below zero: nothing of the order is kept.
            db.session.rollback()
            return {"error": "not enough stock"}, 409
        return {"id": order.id, "customer_id": customer_id,
                "lines": [{"sku": sku, "quantity": quantity} for sku, quantity in pairs],
                "total_cents": sum(line.quantity * line.product.price_cents for line in order.lines)}, 201

    @app.route("/orders")
    def all_orders():
        result = []
        for order in Order.query.order_by(Order.id).all():
            lines = [{"sku": l.product.sku, "name": l.product.name, "quantity": l.quantity,
                      "price_cents": l.product.price_cents} for l in order.lines]
            result.append({"id": order.id, "customer": {"id": order.customer.id, "name": order.customer.name},
                           "lines": lines, "total_cents": sum(l["quantity"] * l["price_cents"] for l in lines)})
        return {"orders": result}

    @app.route("/products/<sku>/sales")
    def sales(sku):
        product = Product.query.filter_by(sku=sku).first_or_404()
        lines = product.lines
        return {"sku": sku, "units": sum(l.quantity for l in lines), "orders": len({l.order_id for l in lines})}

    return app
