"""A correct app with MethodView classes: joinedload and subqueryload for GET /orders, an Index declared beside
the models under another name, the sales as one join of products and order_lines grouped in SQL, stock checked
in Python before a single commit, and an explicit rollback in an errorhandler for every refusal.

expect: full marks
"""
# %% your_app
from flask import Flask, abort, jsonify, request
from flask.views import MethodView
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload, subqueryload
from werkzeug.exceptions import HTTPException

# The extension object: made once per run of this cell; create_app calls db.init_app(app).
db = SQLAlchemy()


class Customer(db.Model):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str] = mapped_column(unique=True)
    orders: Mapped[list["Order"]] = relationship(back_populates="customer")


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (CheckConstraint("price_cents > 0"), CheckConstraint("stock >= 0"))
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(unique=True)
    name: Mapped[str]
    price_cents: Mapped[int]
    stock: Mapped[int]


class Order(db.Model):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship(back_populates="orders")
    lines: Mapped[list["OrderLine"]] = relationship(cascade="all, delete-orphan")


class OrderLine(db.Model):
    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "product_id"), CheckConstraint("quantity > 0"))
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[int]
    product: Mapped[Product] = relationship()


Index("order_lines_for_sales", OrderLine.product_id, OrderLine.quantity, OrderLine.order_id)


def strict_int(value, least):
    return type(value) is int and value >= least


def product_view(p):
    return dict(id=p.id, sku=p.sku, name=p.name, price_cents=p.price_cents, stock=p.stock)


class ProductList(MethodView):
    def post(self):
        d = request.get_json(silent=True)
        ok = (isinstance(d, dict) and isinstance(d.get("sku"), str) and d["sku"] and isinstance(d.get("name"), str)
              and d["name"] and strict_int(d.get("price_cents"), 1) and strict_int(d.get("stock"), 0))
        if not ok:
            abort(400)
        p = Product(sku=d["sku"], name=d["name"], price_cents=d["price_cents"], stock=d["stock"])
        db.session.add(p)
        try:
            db.session.flush()
        except IntegrityError:
            abort(409)
        db.session.commit()
        return product_view(p), 201


class ProductItem(MethodView):
    def get(self, sku):
        p = db.session.execute(select(Product).where(Product.sku == sku)).scalar_one_or_none()
        return product_view(p) if p else abort(404)


class ProductSales(MethodView):
    def get(self, sku):
        row = db.session.execute(
            select(Product.sku, func.count(OrderLine.order_id.distinct()), func.total(OrderLine.quantity))
            .outerjoin(OrderLine, OrderLine.product_id == Product.id)
            .where(Product.sku == sku).group_by(Product.id)
        ).first()
        if row is None:
            abort(404)
        return {"sku": row[0], "orders": row[1], "units": int(row[2])}


class OrderList(MethodView):
    def get(self):
        orders = db.session.scalars(
            select(Order).options(joinedload(Order.customer), subqueryload(Order.lines).joinedload(OrderLine.product))
            .order_by(Order.id)
        ).unique().all()
        out = []
        for o in orders:
            lines = [dict(sku=l.product.sku, name=l.product.name, quantity=l.quantity, price_cents=l.product.price_cents)
                     for l in o.lines]
            out.append(dict(id=o.id, customer=dict(id=o.customer.id, name=o.customer.name), lines=lines,
                            total_cents=sum(x["quantity"] * x["price_cents"] for x in lines)))
        return {"orders": out}

    def post(self):
        d = request.get_json(silent=True)
        if not isinstance(d, dict) or not strict_int(d.get("customer_id"), 1):
            abort(400)
        lines = d.get("lines")
        if not isinstance(lines, list) or not lines or not all(
                isinstance(l, dict) and isinstance(l.get("sku"), str) and strict_int(l.get("quantity"), 1) for l in lines):
            abort(400)
        skus = [l["sku"] for l in lines]
        products = {p.sku: p for p in db.session.scalars(select(Product).where(Product.sku.in_(skus)))}
        if db.session.get(Customer, d["customer_id"]) is None or set(skus) - set(products):
            abort(404)
        if any(products[l["sku"]].stock < l["quantity"] for l in lines):
            abort(409)
        order = Order(customer_id=d["customer_id"])
        for l in lines:
            products[l["sku"]].stock -= l["quantity"]
            order.lines.append(OrderLine(product=products[l["sku"]], quantity=l["quantity"]))
        db.session.add(order)
        db.session.commit()
        return {"id": order.id, "customer_id": order.customer_id,
                "lines": [{"sku": l["sku"], "quantity": l["quantity"]} for l in lines],
                "total_cents": sum(products[l["sku"]].price_cents * l["quantity"] for l in lines)}, 201


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping({"SQLALCHEMY_DATABASE_URI": "sqlite://", **(test_config or {})})
    db.init_app(app)
    with app.app_context():
        db.create_all()
    app.add_url_rule("/products", view_func=ProductList.as_view("products"))
    app.add_url_rule("/products/<sku>", view_func=ProductItem.as_view("product"))
    app.add_url_rule("/products/<sku>/sales", view_func=ProductSales.as_view("sales"))
    app.add_url_rule("/orders", view_func=OrderList.as_view("orders"))

    @app.errorhandler(HTTPException)
    def refused(error):
        db.session.rollback()
        return jsonify(error=error.name), error.code

    return app
