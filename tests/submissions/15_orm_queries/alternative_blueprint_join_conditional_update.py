"""A correct app as a blueprint: the unique constraint declared as (product_id, order_id) so that its own index
serves the sales search, GET /orders as one hand-written join whose rows are grouped in Python, stock taken with
a conditional UPDATE ... WHERE stock >= quantity checked by its row count, and the sales in raw SQL with text().

expect: full marks
"""
# %% your_app
from flask import Blueprint, Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload

# The extension object: made once per run of this cell; create_app calls db.init_app(app).
db = SQLAlchemy()


class Customer(db.Model):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(nullable=False)
    email: Mapped[str] = mapped_column(nullable=False)
    __table_args__ = (UniqueConstraint("email"),)


class Product(db.Model):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(nullable=False)
    name: Mapped[str] = mapped_column(nullable=False)
    price_cents: Mapped[int] = mapped_column(nullable=False)
    stock: Mapped[int] = mapped_column(nullable=False)
    __table_args__ = (UniqueConstraint("sku"), CheckConstraint("price_cents >= 1"), CheckConstraint("stock > -1"))


class Order(db.Model):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey(Customer.id), nullable=False)


class OrderLine(db.Model):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey(Order.id), nullable=False)
    product_id: Mapped[int] = mapped_column(ForeignKey(Product.id), nullable=False)
    quantity: Mapped[int] = mapped_column(nullable=False)
    # product_id first: this constraint's index is the one the sales query searches.
    __table_args__ = (UniqueConstraint("product_id", "order_id"), CheckConstraint("quantity >= 1"))


shop = Blueprint("shop", __name__)


class Invalid(Exception):
    pass


def integer(value, least):
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise Invalid()
    return value


def string(value):
    if not isinstance(value, str) or value == "":
        raise Invalid()
    return value


@shop.errorhandler(Invalid)
def invalid(error):
    return jsonify(error="invalid request body"), 422


def payload():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid()
    return data


def product_dict(p):
    return {"id": p.id, "sku": p.sku, "name": p.name, "price_cents": p.price_cents, "stock": p.stock}


@shop.post("/products")
def add_product():
    data = payload()
    product = Product(sku=string(data.get("sku")), name=string(data.get("name")),
                      price_cents=integer(data.get("price_cents"), 1), stock=integer(data.get("stock"), 0))
    try:
        with db.session.begin_nested():
            db.session.add(product)
    except IntegrityError:
        return jsonify(error="sku taken"), 409
    db.session.commit()
    return product_dict(product), 201


@shop.get("/products/<sku>")
def product_detail(sku):
    return product_dict(db.one_or_404(select(Product).filter_by(sku=sku)))


@shop.post("/orders")
def place_order():
    data = payload()
    customer_id = integer(data.get("customer_id"), 1)
    lines = data.get("lines")
    if not isinstance(lines, list) or len(lines) == 0:
        raise Invalid()
    wanted = []
    for line in lines:
        if not isinstance(line, dict):
            raise Invalid()
        wanted.append((string(line.get("sku")), integer(line.get("quantity"), 1)))
    if db.session.get(Customer, customer_id) is None:
        return jsonify(error="no such customer"), 404
    order = Order(customer_id=customer_id)
    db.session.add(order)
    db.session.flush()
    total = 0
    for sku, quantity in wanted:
        product = db.session.execute(select(Product.id, Product.price_cents).filter_by(sku=sku)).first()
        if product is None:
            db.session.rollback()
            return jsonify(error=f"no product {sku}"), 404
        taken = db.session.execute(
            update(Product).where(Product.id == product.id, Product.stock >= quantity)
            .values(stock=Product.stock - quantity)
        )
        if taken.rowcount != 1:
            db.session.rollback()
            return jsonify(error=f"not enough {sku}"), 409
        db.session.add(OrderLine(order_id=order.id, product_id=product.id, quantity=quantity))
        total += quantity * product.price_cents
    db.session.commit()
    return {"id": order.id, "customer_id": customer_id,
            "lines": [{"sku": s, "quantity": q} for s, q in wanted], "total_cents": total}, 201


@shop.get("/orders")
def orders_index():
    rows = db.session.execute(
        select(Order.id, Customer.id, Customer.name, Product.sku, Product.name, OrderLine.quantity, Product.price_cents)
        .join(Customer, Customer.id == Order.customer_id)
        .outerjoin(OrderLine, OrderLine.order_id == Order.id)
        .outerjoin(Product, Product.id == OrderLine.product_id)
        .order_by(Order.id)
    ).all()
    grouped = {}
    for order_id, customer_id, customer_name, sku, name, quantity, price in rows:
        entry = grouped.setdefault(order_id, {"id": order_id, "customer": {"id": customer_id, "name": customer_name},
                                              "lines": [], "total_cents": 0})
        if sku is not None:
            entry["lines"].append({"sku": sku, "name": name, "quantity": quantity, "price_cents": price})
            entry["total_cents"] += quantity * price
    return {"orders": list(grouped.values())}


@shop.get("/products/<sku>/sales")
def sales_of(sku):
    found = db.session.execute(text("SELECT id FROM products WHERE sku = :sku"), {"sku": sku}).first()
    if found is None:
        abort(404)
    units, orders = db.session.execute(
        text("SELECT COALESCE(SUM(quantity), 0), COUNT(DISTINCT order_id) FROM order_lines WHERE product_id = :p"),
        {"p": found.id},
    ).one()
    return {"sku": sku, "units": units, "orders": orders}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    app.config.from_mapping(test_config or {})
    db.init_app(app)
    app.register_blueprint(shop)
    with app.app_context():
        db.create_all()
    return app
