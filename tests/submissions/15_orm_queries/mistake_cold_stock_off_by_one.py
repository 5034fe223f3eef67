"""Guarded UPDATE uses stock > quantity, so ordering exactly the units left answers 409; breaks "a line asking for more than the product's stock: `409`" (exactly the stock is a valid order).

expect: task2_hidden, task2_hidden_2
"""
# %% your_app
import functools

from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, UniqueConstraint, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload

# The extension object: made once per run of this cell; create_app calls db.init_app(app).
db = SQLAlchemy()


class Customer(db.Model):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str] = mapped_column(String(320), nullable=False)
    __table_args__ = (UniqueConstraint("email", name="uq_customers_email"),)


class Product(db.Model):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    price_cents: Mapped[int] = mapped_column(Integer, nullable=False)
    stock: Mapped[int] = mapped_column(Integer, nullable=False)
    __table_args__ = (
        UniqueConstraint("sku", name="uq_products_sku"),
        CheckConstraint("price_cents > 0", name="price_positive"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
    )


class Order(db.Model):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(Integer, ForeignKey("customers.id"), nullable=False)


class OrderLine(db.Model):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(Integer, ForeignKey("orders.id"), nullable=False)
    product_id: Mapped[int] = mapped_column(Integer, ForeignKey("products.id"), nullable=False)
    quantity: Mapped[int] = mapped_column(Integer, nullable=False)
    __table_args__ = (
        UniqueConstraint("order_id", "product_id", name="uq_line_per_product"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )


# Declared outside the class: the index covers the sales query (product_id, then what it sums).
Index("order_lines_by_product", OrderLine.product_id, OrderLine.order_id, OrderLine.quantity)


def positive_int(value, minimum=1):
    return type(value) is int and value >= minimum


def filled_str(value):
    return type(value) is str and len(value) > 0


def json_body(view):
    """Pass the request's JSON object to the view, or answer 400."""
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return jsonify({"error": "expected a JSON object"}), 400
        return view(body, *args, **kwargs)
    return wrapper


def refuse(status, message):
    db.session.rollback()
    return jsonify({"error": message}), status


def product_json(row):
    return {"id": row.id, "sku": row.sku, "name": row.name, "price_cents": row.price_cents, "stock": row.stock}


def register_routes(app):
    @app.route("/products", methods=["POST"])
    @json_body
    def add_product(body):
        fields = {k: body.get(k) for k in ("sku", "name", "price_cents", "stock")}
        if not (filled_str(fields["sku"]) and filled_str(fields["name"])
                and positive_int(fields["price_cents"], 1) and positive_int(fields["stock"], 0)):
            return refuse(422, "sku and name: non-empty strings; price_cents >= 1, stock >= 0: integers")
        try:
            new_id = db.session.execute(insert(Product).values(**fields).returning(Product.id)).scalar_one()
            db.session.commit()
        except IntegrityError:
            return refuse(409, f"{fields['sku']} exists already")
        return jsonify({"id": new_id, **fields}), 201

    @app.route("/products/<sku>", methods=["GET"])
    def get_product(sku):
        row = db.session.execute(select(Product.__table__).where(Product.sku == sku)).first()
        if row is None:
            return refuse(404, f"no product {sku}")
        return jsonify(product_json(row))

    @app.route("/orders", methods=["POST"])
    @json_body
    def place_order(body):
        customer_id, lines = body.get("customer_id"), body.get("lines")
        if not positive_int(customer_id):
            return refuse(422, "customer_id must be an integer >= 1")
        if type(lines) is not list or len(lines) == 0:
            return refuse(422, "lines must be a non-empty list")
        for line in lines:
            if type(line) is not dict or not filled_str(line.get("sku")) or not positive_int(line.get("quantity")):
                return refuse(422, "each line needs a sku and an integer quantity >= 1")

        if db.session.execute(select(Customer.id).where(Customer.id == customer_id)).first() is None:
            return refuse(404, f"no customer {customer_id}")
        skus = [line["sku"] for line in lines]
        found = {r.sku: r for r in db.session.execute(
            select(Product.id, Product.sku, Product.price_cents).where(Product.sku.in_(skus)))}
        missing = [s for s in skus if s not in found]
        if missing:
            return refuse(404, f"no product {missing[0]}")

        order_id = db.session.execute(
            insert(Order).values(customer_id=customer_id).returning(Order.id)).scalar_one()
        for line in lines:
            taken = db.session.execute(
                update(Product)
                .where(Product.id == found[line["sku"]].id, Product.stock > line["quantity"])
                .values(stock=Product.stock - line["quantity"])
                .execution_options(synchronize_session=False)
            )
            if taken.rowcount != 1:
                return refuse(409, f"not enough {line['sku']} in stock")
        db.session.execute(insert(OrderLine), [
            {"order_id": order_id, "product_id": found[line["sku"]].id, "quantity": line["quantity"]}
            for line in lines
        ])
        db.session.commit()
        return jsonify({
            "id": order_id,
            "customer_id": customer_id,
            "lines": [{"sku": line["sku"], "quantity": line["quantity"]} for line in lines],
            "total_cents": sum(line["quantity"] * found[line["sku"]].price_cents for line in lines),
        }), 201

    @app.route("/orders", methods=["GET"])
    def list_orders():
        rows = db.session.execute(
            select(Order.id, Customer.id.label("customer_id"), Customer.name.label("customer_name"),
                   Product.sku, Product.name, OrderLine.quantity, Product.price_cents)
            .join(Customer, Customer.id == Order.customer_id)
            .outerjoin(OrderLine, OrderLine.order_id == Order.id)
            .outerjoin(Product, Product.id == OrderLine.product_id)
            .order_by(Order.id)
        )
        by_id = {}
        for r in rows:
            entry = by_id.setdefault(r.id, {
                "id": r.id, "customer": {"id": r.customer_id, "name": r.customer_name},
                "lines": [], "total_cents": 0,
            })
            if r.sku is not None:
                entry["lines"].append({"sku": r.sku, "name": r.name, "quantity": r.quantity,
                                       "price_cents": r.price_cents})
                entry["total_cents"] += r.quantity * r.price_cents
        return jsonify({"orders": list(by_id.values())})

    @app.route("/products/<sku>/sales", methods=["GET"])
    def sales(sku):
        row = db.session.execute(
            select(Product.sku,
                   func.coalesce(func.sum(OrderLine.quantity), 0).label("units"),
                   func.count(func.distinct(OrderLine.order_id)).label("orders"))
            .select_from(Product)
            .outerjoin(OrderLine, OrderLine.product_id == Product.id)
            .where(Product.sku == sku)
            .group_by(Product.id)
        ).first()
        if row is None:
            return refuse(404, f"no product {sku}")
        return jsonify({"sku": row.sku, "units": row.units, "orders": row.orders})


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    app.config.update(test_config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    register_routes(app)
    return app
