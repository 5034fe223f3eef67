"""Classic db.Column models, a Blueprint of MethodView classes with an ApiError handler, lazy="selectin" relationships, sales summed in Python over lines found through a composite (product_id, order_id) index.

expect: full marks
"""
# %% your_app
from flask import Blueprint, Flask, abort, jsonify, request
from flask.views import MethodView
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload

# The extension object: made once per run of this cell; create_app calls db.init_app(app).
db = SQLAlchemy()


class Customer(db.Model):
    __tablename__ = "customers"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.Text, nullable=False)
    email = db.Column(db.Text, nullable=False, unique=True)


class Product(db.Model):
    __tablename__ = "products"
    id = db.Column(db.Integer, primary_key=True)
    sku = db.Column(db.Text, nullable=False, unique=True)
    name = db.Column(db.Text, nullable=False)
    price_cents = db.Column(db.Integer, db.CheckConstraint("price_cents > 0"), nullable=False)
    stock = db.Column(db.Integer, db.CheckConstraint("stock >= 0"), nullable=False)

    def as_json(self):
        return {"id": self.id, "sku": self.sku, "name": self.name,
                "price_cents": self.price_cents, "stock": self.stock}


class Order(db.Model):
    __tablename__ = "orders"
    id = db.Column(db.Integer, primary_key=True)
    customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
    customer = db.relationship(Customer, lazy="selectin")
    lines = db.relationship("OrderLine", lazy="selectin", back_populates="order")


class OrderLine(db.Model):
    __tablename__ = "order_lines"
    __table_args__ = (
        db.UniqueConstraint("order_id", "product_id"),
        db.CheckConstraint("quantity > 0"),
        db.Index("ix_order_lines_product_order", "product_id", "order_id"),
    )
    id = db.Column(db.Integer, primary_key=True)
    order_id = db.Column(db.Integer, db.ForeignKey("orders.id"), nullable=False)
    product_id = db.Column(db.Integer, db.ForeignKey("products.id"), nullable=False)
    quantity = db.Column(db.Integer, nullable=False)
    order = db.relationship(Order, back_populates="lines")
    product = db.relationship(Product, lazy="selectin")


class ApiError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def json_object():
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError(400, "the body must be a JSON object")
    return body


def need_int(value, minimum, field):
    if type(value) is not int or value < minimum:
        raise ApiError(422, f"{field} must be an integer of at least {minimum}")
    return value


def need_text(value, field):
    if not isinstance(value, str) or not value:
        raise ApiError(422, f"{field} must be a non-empty string")
    return value


api = Blueprint("crumb", __name__)


@api.errorhandler(ApiError)
def api_error(error):
    db.session.rollback()
    return jsonify({"error": error.message}), error.status


class ProductList(MethodView):
    def post(self):
        body = json_object()
        product = Product(
            sku=need_text(body.get("sku"), "sku"),
            name=need_text(body.get("name"), "name"),
            price_cents=need_int(body.get("price_cents"), 1, "price_cents"),
            stock=need_int(body.get("stock"), 0, "stock"),
        )
        db.session.add(product)
        try:
            db.session.commit()
        except IntegrityError:
            raise ApiError(409, f"product {body['sku']} exists already") from None
        return jsonify(product.as_json()), 201


class ProductItem(MethodView):
    def get(self, sku):
        product = db.first_or_404(db.select(Product).filter_by(sku=sku))
        return jsonify(product.as_json())


class ProductSales(MethodView):
    def get(self, sku):
        product = db.first_or_404(db.select(Product).filter_by(sku=sku))
        lines = db.session.execute(
            db.select(OrderLine.order_id, OrderLine.quantity).where(OrderLine.product_id == product.id)
        ).all()
        return jsonify({
            "sku": product.sku,
            "units": sum(quantity for _, quantity in lines),
            "orders": len({order_id for order_id, _ in lines}),
        })


class OrderList(MethodView):
    def get(self):
        orders = db.session.scalars(db.select(Order).order_by(Order.id)).all()
        return jsonify({"orders": [self.present(order) for order in orders]})

    @staticmethod
    def present(order):
        lines = [{"sku": l.product.sku, "name": l.product.name, "quantity": l.quantity,
                  "price_cents": l.product.price_cents} for l in order.lines]
        return {"id": order.id, "customer": {"id": order.customer.id, "name": order.customer.name},
                "lines": lines, "total_cents": sum(l["quantity"] * l["price_cents"] for l in lines)}

    def post(self):
        body = json_object()
        customer_id = need_int(body.get("customer_id"), 1, "customer_id")
        wanted = body.get("lines")
        if not isinstance(wanted, list) or not wanted:
            raise ApiError(422, "lines must be a non-empty list")
        for line in wanted:
            if not isinstance(line, dict) or "sku" not in line:
                raise ApiError(422, "each line must be an object with a sku")
            need_text(line["sku"], "sku")
            need_int(line.get("quantity"), 1, "quantity")

        if db.session.get(Customer, customer_id) is None:
            raise ApiError(404, f"no customer {customer_id}")
        order = Order(customer_id=customer_id)
        db.session.add(order)
        total = 0
        for line in wanted:
            product = db.session.scalars(db.select(Product).filter_by(sku=line["sku"])).first()
            if product is None:
                raise ApiError(404, f"no product {line['sku']}")
            if product.stock < line["quantity"]:
                raise ApiError(409, f"only {product.stock} of {product.sku} left")
            product.stock -= line["quantity"]
            order.lines.append(OrderLine(product=product, quantity=line["quantity"]))
            total += line["quantity"] * product.price_cents
        db.session.commit()
        return jsonify({"id": order.id, "customer_id": customer_id,
                        "lines": [{"sku": l["sku"], "quantity": l["quantity"]} for l in wanted],
                        "total_cents": total}), 201


api.add_url_rule("/products", view_func=ProductList.as_view("products"))
api.add_url_rule("/products/<sku>", view_func=ProductItem.as_view("product"))
api.add_url_rule("/products/<sku>/sales", view_func=ProductSales.as_view("product_sales"))
api.add_url_rule("/orders", view_func=OrderList.as_view("orders"))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite://")
    app.config.from_mapping(test_config or {})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.register_blueprint(api)
    return app
