# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # ORM models, transactions and query performance for the Crumb wholesale bakery
#
# Crumb bakes bread and pastries overnight and sells them to cafés. The cafés
# order through a small JSON API: a café (a *customer*) orders *products*
# (sourdough loaves, croissants...), each order has one *line* per product,
# and every line takes units from the product's stock. The first version kept
# everything in dicts; you will move it to a real database with
# Flask-SQLAlchemy, make an order all-or-nothing, and make the listings fast
# enough for the morning rush.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the models and their constraints, the factory, `POST /products`, `GET /products/<sku>` | 3 |
# | 2 | `POST /orders` in one transaction: one bad line and nothing of the order is stored | 4 |
# | 3 | `GET /orders` with customers and lines in a fixed number of SQL statements | 3 |
# | 4 | `GET /products/<sku>/sales`, served by an index you declare | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. That cell
# makes the extension object `db = SQLAlchemy()` and your models; define
# `create_app(test_config=None)` there too: it builds a new `Flask` app each
# time it is called, applies `test_config` (a dict) on top of its defaults,
# calls `db.init_app(app)` and creates the tables (`db.create_all()` inside
# `app.app_context()`). Re-running the cell makes a new `db` and new model
# classes, so you can change a model and run the cell again.
#
# **Each test gets a database of its own**: it passes
# `SQLALCHEMY_DATABASE_URI` (a new SQLite file in a temporary folder) in
# `test_config`, and your factory must honour it. Your default is an
# in-memory database, `sqlite://`. The tests read and write that file
# directly with Python's `sqlite3` (to put customers and products in place,
# to check what a request stored, and to ask SQLite for query plans), so the
# **table and column names below are part of the task**. In production Crumb
# would run PostgreSQL; SQLite is embedded, so nothing needs starting here.
#
# You use Flask, Flask-SQLAlchemy 3.1 and SQLAlchemy 2.0 (either the typed
# `Mapped[...]`/`mapped_column` style or `db.Column`, as you prefer), and the
# standard library.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask, Flask-SQLAlchemy, SQLAlchemy and SQLite
# documentation while you work.

# %% nbgrader={"grade_id": "given", "locked": true}
# Given, for your own experiments. Do not edit this cell.
import sqlite3
import tempfile
from pathlib import Path

from autograder.scratch import scratch_folder


def scratch_database():
    """A new SQLite file in a folder of its own: (its SQLALCHEMY_DATABASE_URI, its path).

    The folder goes when the kernel stops, so call it as often as you like.

    try_app = create_app({"SQLALCHEMY_DATABASE_URI": uri}), then look inside with
    sqlite3.connect(path).execute("SELECT * FROM products").fetchall().
    """
    path = scratch_folder("crumb-") / "crumb.db"
    return f"sqlite:///{path}", path

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write your models, `create_app(test_config=None)` and everything they need
# in the cell below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import CheckConstraint, ForeignKey, Index, UniqueConstraint, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship, selectinload

# The extension object: made once per run of this cell; create_app calls db.init_app(app).
db = SQLAlchemy()

### BEGIN SOLUTION
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
        UniqueConstraint("order_id", "product_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    # index=True names it ix_order_lines_product_id: the sales query searches it.
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    quantity: Mapped[int]
    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


def whole(value, minimum):
    """A JSON integer (not a boolean) of at least `minimum`."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def text_field(value):
    return isinstance(value, str) and value.strip() != ""


def product_json(product):
    return {"id": product.id, "sku": product.sku, "name": product.name,
            "price_cents": product.price_cents, "stock": product.stock}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite://")
    if test_config is not None:
        app.config.update(test_config)
    db.init_app(app)
    with app.app_context():
        db.create_all()

    @app.post("/products")
    def create_product():
        data = request.get_json(silent=True)
        if (not isinstance(data, dict) or not text_field(data.get("sku")) or not text_field(data.get("name"))
                or not whole(data.get("price_cents"), 1) or not whole(data.get("stock"), 0)):
            abort(422)
        product = Product(sku=data["sku"], name=data["name"], price_cents=data["price_cents"], stock=data["stock"])
        db.session.add(product)
        try:
            db.session.commit()
        except IntegrityError:
            # The unique constraint decides, not a SELECT first: two requests may race.
            db.session.rollback()
            return jsonify(error=f"sku {data['sku']} exists"), 409
        return product_json(product), 201

    @app.get("/products/<sku>")
    def get_product(sku):
        product = db.session.scalar(select(Product).where(Product.sku == sku))
        if product is None:
            abort(404)
        return product_json(product)

    @app.post("/orders")
    def create_order():
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not whole(data.get("customer_id"), 1):
            abort(422)
        lines = data.get("lines")
        if not isinstance(lines, list) or not lines:
            abort(422)
        for line in lines:
            if not isinstance(line, dict) or not text_field(line.get("sku")) or not whole(line.get("quantity"), 1):
                abort(422)
        customer = db.session.get(Customer, data["customer_id"])
        if customer is None:
            abort(404)
        order = Order(customer=customer)
        db.session.add(order)
        for line in lines:
            product = db.session.scalar(select(Product).where(Product.sku == line["sku"]))
            if product is None:
                abort(422)
            if product.stock < line["quantity"]:
                abort(409)
            product.stock -= line["quantity"]
            order.lines.append(OrderLine(product=product, quantity=line["quantity"]))
        # One commit for the order, its lines and the stock. An abort above
        # commits nothing: Flask-SQLAlchemy removes the request's session at
        # teardown, which rolls back whatever it flushed.
        db.session.commit()
        body = {"id": order.id, "customer_id": customer.id,
                "lines": [{"sku": line.product.sku, "quantity": line.quantity} for line in order.lines],
                "total_cents": sum(line.quantity * line.product.price_cents for line in order.lines)}
        return body, 201

    @app.get("/orders")
    def list_orders():
        # Three statements whatever the number of orders: orders joined with
        # their customer, then the lines of all of them, then their products.
        query = (select(Order).order_by(Order.id)
                 .options(joinedload(Order.customer), selectinload(Order.lines).selectinload(OrderLine.product)))
        orders = db.session.scalars(query).all()
        return {"orders": [
            {"id": order.id, "customer": {"id": order.customer.id, "name": order.customer.name},
             "lines": [{"sku": line.product.sku, "name": line.product.name, "quantity": line.quantity,
                        "price_cents": line.product.price_cents} for line in order.lines],
             "total_cents": sum(line.quantity * line.product.price_cents for line in order.lines)}
            for order in orders
        ]}

    @app.get("/products/<sku>/sales")
    def product_sales(sku):
        product = db.session.scalar(select(Product).where(Product.sku == sku))
        if product is None:
            abort(404)
        units, orders = db.session.execute(
            select(func.coalesce(func.sum(OrderLine.quantity), 0), func.count(func.distinct(OrderLine.order_id)))
            .where(OrderLine.product_id == product.id)
        ).one()
        return {"sku": sku, "units": units, "orders": orders}

    return app
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: models with constraints, and the factory (3 points)
#
# Declare four models on `db.Model` with exactly these tables and columns
# (every column `NOT NULL`, `id` an integer primary key):
#
# | table | columns | constraints |
# | --- | --- | --- |
# | `customers` | `id`, `name` (text), `email` (text) | `email` unique |
# | `products` | `id`, `sku` (text), `name` (text), `price_cents` (integer), `stock` (integer) | `sku` unique; a check `price_cents > 0`; a check `stock >= 0` |
# | `orders` | `id`, `customer_id` (integer) | `customer_id` a foreign key to `customers.id` |
# | `order_lines` | `id`, `order_id`, `product_id`, `quantity` (integers) | foreign keys to `orders.id` and `products.id`; a check `quantity > 0`; `(order_id, product_id)` unique |
#
# The constraints belong **in the database**: the tests insert rows into the
# tables directly, without your code, and expect SQLite to refuse a duplicate
# `sku` or `email`, a `NULL` in any column, a price of `0`, a negative stock,
# a quantity of `0`, a second line for the same product in one order, and a
# line or order pointing at a row that does not exist (the tests' own
# connection turns on `PRAGMA foreign_keys`). Constraint names are up to you.
#
# `create_app(test_config=None)` honours `test_config["SQLALCHEMY_DATABASE_URI"]`
# (default `sqlite://`) and creates the tables. The one `db` object serves
# every app the factory builds: two apps on two database files each see only
# their own rows, in any order of use, and an app built on a file that
# already holds tables and rows keeps them.
#
# Then two routes:
#
# - `POST /products` takes `{"sku": str, "name": str, "price_cents": int,
#   "stock": int}` and answers `201` with the product as JSON:
#   `{"id", "sku", "name", "price_cents", "stock"}`. `sku` and `name` are
#   non-empty strings, `price_cents` a JSON integer of at least 1 and `stock`
#   one of at least 0 (`true` and `2.5` are not integers); otherwise, or when
#   the body is not a JSON object (a form or plain-text body included), it
#   answers `400` or `422` (both accepted) and stores nothing. A `sku` that
#   exists already answers `409` and changes nothing. (Not tested: strings of
#   only spaces, which you may accept or refuse, and integers beyond SQLite's
#   64-bit range, which the tests never send.)
# - `GET /products/<sku>` answers `200` with the product, or `404`.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

_file = SQLiteFile()
app = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": _file.uri})
_loaf = {"sku": "SD-800", "name": "Sourdough loaf 800 g", "price_cents": 450, "stock": 40}
app.post("/products", json=_loaf).expect(201, json={"id": 1, **_loaf}, why="the first product, id 1")
app.get("/products/SD-800").expect(200, json={"id": 1, **_loaf}, why="the product just created")
app.post("/products", json={**_loaf, "name": "Another loaf"}).expect(409, why="SD-800 exists already")
app.get("/products/RY-500").expect(404, why="there is no product RY-500")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 1}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

### BEGIN HIDDEN TESTS
first_file, second_file = SQLiteFile(), SQLiteFile()
north = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": first_file.uri})
south = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": second_file.uri})
baguette = dict(sku="BG-250", name="Baguette", price_cents=180, stock=0)
brioche = dict(sku="BR-400", name="Brioche", price_cents=520, stock=12)
south.post("/products", json=baguette).expect(201, json={"id": 1, **baguette}, why="a stock of 0 is allowed")
north.get("/products/BG-250").expect(404, why="BG-250 was created in another app, on another database file")
north.post("/products", json=brioche).expect(201, json={"id": 1, **brioche}, why="the first product of this app's own file")
south.get("/products/BR-400").expect(404, why="BR-400 was created in another app, on another database file")
south.get("/products/BG-250").expect(200, json={"id": 1, **baguette}, why="BG-250 in the app that created it")
assert first_file.value("SELECT count(*) FROM products") == 1, "each app should write to its own database file"

again = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": second_file.uri})
again.get("/products/BG-250").expect(200, json={"id": 1, **baguette},
                                      why="a new app on a file that already holds products keeps them")
again.post("/products", json=dict(sku="CR-090", name="Croissant", price_cents=95, stock=300)).expect(
    201, json_subset={"id": 2, "sku": "CR-090"}, why="the second product of that file")

fallback = check_app(create_app)
fallback.post("/products", json=brioche).expect(201, why="the default database, sqlite://, in memory")
fallback.get("/products/BR-400").expect(200, json={"id": 1, **brioche},
                                        why="the in-memory database keeps its rows between requests of one app")

invalid = [
    (dict(name="Rye", price_cents=300, stock=1), "sku is missing"),
    (dict(sku="", name="Rye", price_cents=300, stock=1), "sku is empty"),
    (dict(sku=17, name="Rye", price_cents=300, stock=1), "sku is not a string"),
    (dict(sku="RY-500", price_cents=300, stock=1), "name is missing"),
    (dict(sku="RY-500", name="Rye", stock=1), "price_cents is missing"),
    (dict(sku="RY-500", name="Rye", price_cents=0, stock=1), "price_cents is 0"),
    (dict(sku="RY-500", name="Rye", price_cents=2.5, stock=1), "price_cents is not an integer"),
    (dict(sku="RY-500", name="Rye", price_cents=True, stock=1), "price_cents is true, a boolean"),
    (dict(sku="RY-500", name="Rye", price_cents="300", stock=1), "price_cents is a string"),
    (dict(sku="RY-500", name="Rye", price_cents=300), "stock is missing"),
    (dict(sku="RY-500", name="Rye", price_cents=300, stock=-1), "stock is negative"),
    (dict(sku="RY-500", name="Rye", price_cents=300, stock=False), "stock is false, a boolean"),
]
for body, reason in invalid:
    north.post("/products", json=body).expect((400, 422), why=reason)
north.post("/products", json=["RY-500", "Rye", 300, 1]).expect((400, 422), why="the body is a list")
north.post("/products", data="{sku: 1", content_type="application/json").expect((400, 422), why="the body is not JSON")
north.post("/products", data="sku=RY-500&name=Rye&price_cents=300&stock=1",
           content_type="application/x-www-form-urlencoded").expect((400, 422), why="the body is a form, not JSON")
north.post("/products", data="RY-500 Rye 300 1", content_type="text/plain").expect(
    (400, 422), why="the body is plain text, not JSON")
north.get("/products/RY-500").expect(404, why="every POST of RY-500 was refused")
assert first_file.value("SELECT count(*) FROM products") == 1, (
    "refused products should not be stored; the products table holds "
    f"{first_file.value('SELECT count(*) FROM products')} rows, not 1"
)
north.post("/products", json=dict(sku="BR-400", name="Brioche again", price_cents=999, stock=1)).expect(
    409, why="BR-400 exists already in this app")
north.get("/products/BR-400").expect(200, json={"id": 1, **brioche}, why="a refused duplicate changes nothing")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task1_hidden_2", "points": 1}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

### BEGIN HIDDEN TESTS
schema = SQLiteFile()
check_app(create_app, {"SQLALCHEMY_DATABASE_URI": schema.uri})
schema.write("INSERT INTO customers (id, name, email) VALUES (1, 'Café Lune', 'lune@example.com')")
schema.write("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (1, 'CR-090', 'Croissant', 95, 10)")
schema.write("INSERT INTO orders (id, customer_id) VALUES (1, 1)")
schema.write("INSERT INTO order_lines (id, order_id, product_id, quantity) VALUES (1, 1, 1, 4)")

product_row = "INSERT INTO products (sku, name, price_cents, stock) VALUES (?, ?, ?, ?)"
schema.expect_accepted(product_row, ("PC-100", "Pain au chocolat", 1, 0), why="a product costing 1 cent with a stock of 0")
schema.expect_refused(product_row, ("CR-090", "Croissant bis", 99, 1), why="a second product with sku CR-090")
schema.expect_refused(product_row, ("PC-100", "Pain au chocolat", 0, 5), why="a product with price_cents 0")
schema.expect_refused(product_row, ("PC-100", "Pain au chocolat", -20, 5), why="a product with a negative price_cents")
schema.expect_refused(product_row, ("PC-100", "Pain au chocolat", 120, -1), why="a product with stock -1")
for position, column in enumerate(("sku", "name", "price_cents", "stock")):
    values = ["PC-100", "Pain au chocolat", 120, 5]
    values[position] = None
    schema.expect_refused(product_row, tuple(values), why=f"a product whose {column} is NULL")

schema.expect_refused("INSERT INTO customers (name, email) VALUES (?, ?)", ("Other café", "lune@example.com"),
                      why="a second customer with the email lune@example.com")
schema.expect_refused("INSERT INTO customers (name, email) VALUES (?, ?)", (None, "x@example.com"),
                      why="a customer whose name is NULL")
schema.expect_refused("INSERT INTO customers (name, email) VALUES (?, ?)", ("Café X", None),
                      why="a customer whose email is NULL")
schema.expect_refused("INSERT INTO orders (customer_id) VALUES (?)", (None,), why="an order whose customer_id is NULL")
schema.expect_refused("INSERT INTO orders (customer_id) VALUES (?)", (99,), why="an order for customer 99, who does not exist")

line_row = "INSERT INTO order_lines (order_id, product_id, quantity) VALUES (?, ?, ?)"
schema.write("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (2, 'BG-250', 'Baguette', 180, 10)")
schema.expect_accepted(line_row, (1, 2, 1), why="a line of 1 baguette in order 1")
schema.expect_refused(line_row, (1, 2, 0), why="an order line with quantity 0")
schema.expect_refused(line_row, (1, 2, -3), why="an order line with a negative quantity")
schema.expect_refused(line_row, (1, 1, 2), why="a second line for product 1 in order 1")
schema.expect_refused(line_row, (42, 2, 1), why="an order line of order 42, which does not exist")
schema.expect_refused(line_row, (1, 42, 1), why="an order line of product 42, which does not exist")
for position, column in enumerate(("order_id", "product_id", "quantity")):
    values = [1, 2, 1]
    values[position] = None
    schema.expect_refused(line_row, tuple(values), why=f"an order line whose {column} is NULL")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: an order is stored whole, or not at all (4 points)
#
# `POST /orders` takes `{"customer_id": int, "lines": [{"sku": str,
# "quantity": int}, ...]}` (at least one line; the tests never name one `sku`
# twice in an order). A valid order stores the order and one `order_lines`
# row per line, takes each line's quantity from its product's `stock`, and
# answers `201` with
# `{"id": <order id>, "customer_id": ..., "lines": [{"sku", "quantity"}, ...], "total_cents": <sum of quantity × price_cents>}`
# (the lines in any order).
#
# It refuses an order, and then **stores nothing of it**: no `orders` row, no
# `order_lines` row, and every product's stock as it was, even when the bad
# line comes after good ones:
#
# - a body that is not a JSON object (a form or plain-text body included),
#   a `customer_id` or `quantity` that is not a JSON integer of at least 1 (`true`, `2.5`, `"3"` are not), a
#   missing or empty `lines`, a line that is not an object or has no `sku`:
#   `400` or `422`;
# - a `customer_id` with no customer, or a `sku` with no product: `404` or
#   `422` (both accepted; `400` too);
# - a line asking for more than the product's stock: `409`.
#
# The tests never put two of these problems in one order.
#
# Each request must work in **its own session**, removed when the request's
# app context ends (Flask-SQLAlchemy does it; the factory must not leave an
# app context pushed). So a refused order leaves no transaction open behind
# it (another connection can write to the database right after it), and the
# next request sees rows other connections wrote in the meantime: a product
# restocked directly in the database after a refused order can be ordered
# at once.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

_file = SQLiteFile()
app = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": _file.uri})
_file.write("INSERT INTO customers (id, name, email) VALUES (7, 'Café Lune', 'lune@example.com')")
_file.write("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (?, ?, ?, ?, ?)",
            [(1, "SD-800", "Sourdough loaf 800 g", 450, 40), (2, "CR-090", "Croissant", 95, 120)], many=True)
_reply = app.post("/orders", json={"customer_id": 7, "lines": [{"sku": "SD-800", "quantity": 10}, {"sku": "CR-090", "quantity": 60}]})
_reply.expect(201, json_subset={"customer_id": 7, "total_cents": 10 * 450 + 60 * 95},
              why="10 loaves at 450 and 60 croissants at 95")
_lines = _reply.json.get("lines")
assert isinstance(_lines, list) and len(_lines) == 2 and {"sku": "SD-800", "quantity": 10} in _lines and {"sku": "CR-090", "quantity": 60} in _lines, (
    f"the new order's lines should be SD-800 × 10 and CR-090 × 60 (in any order); got {_lines}"
)
app.post("/orders", json={"customer_id": 7, "lines": [{"sku": "SD-800", "quantity": 31}]}).expect(
    409, why="30 loaves are left and 31 were asked for")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

### BEGIN HIDDEN TESTS
shop = SQLiteFile()
client = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": shop.uri})
shop.write("INSERT INTO customers VALUES (?, ?, ?)", [(3, "Bar Sol", "sol@example.com"), (4, "Kiosk 9", "k9@example.com")], many=True)
shop.write("INSERT INTO products VALUES (?, ?, ?, ?, ?)",
           [(5, "BG-250", "Baguette", 180, 50), (6, "BR-400", "Brioche", 520, 8), (9, "PC-100", "Pain au chocolat", 110, 30)], many=True)

bad = [
    ([3, [["BG-250", 1]]], "the body is a list"),
    (dict(lines=[dict(sku="BG-250", quantity=1)]), "customer_id is missing"),
    (dict(customer_id="3", lines=[dict(sku="BG-250", quantity=1)]), "customer_id is a string"),
    (dict(customer_id=True, lines=[dict(sku="BG-250", quantity=1)]), "customer_id is true, a boolean"),
    (dict(customer_id=3), "lines is missing"),
    (dict(customer_id=3, lines=[]), "lines is empty"),
    (dict(customer_id=3, lines=dict(sku="BG-250", quantity=1)), "lines is an object, not a list"),
    (dict(customer_id=3, lines=[dict(quantity=1)]), "a line has no sku"),
    (dict(customer_id=3, lines=["BG-250"]), "a line is a string, not an object"),
    (dict(customer_id=3, lines=[dict(sku="BG-250")]), "a line has no quantity"),
    (dict(customer_id=3, lines=[dict(sku="BG-250", quantity=0)]), "a quantity of 0"),
    (dict(customer_id=3, lines=[dict(sku="BG-250", quantity=-2)]), "a negative quantity"),
    (dict(customer_id=3, lines=[dict(sku="BG-250", quantity=2.5)]), "a quantity of 2.5"),
    (dict(customer_id=3, lines=[dict(sku="BG-250", quantity=True)]), "a quantity of true, a boolean"),
    (dict(customer_id=3, lines=[dict(sku="BG-250", quantity="3")]), "a quantity that is a string"),
]
for body, reason in bad:
    client.post("/orders", json=body).expect((400, 422), why=reason)
client.post("/orders", data="{customer_id: 3", content_type="application/json").expect((400, 422), why="the body is not JSON")
client.post("/orders", data="customer_id=3&sku=BG-250&quantity=1",
            content_type="application/x-www-form-urlencoded").expect((400, 422), why="the body is a form, not JSON")
client.post("/orders", data="3 BG-250 1", content_type="text/plain").expect((400, 422), why="the body is plain text, not JSON")
client.post("/orders", json=dict(customer_id=99, lines=[dict(sku="BG-250", quantity=1)])).expect(
    (400, 404, 422), why="there is no customer 99")
client.post("/orders", json=dict(customer_id=3, lines=[dict(sku="XX-000", quantity=1)])).expect(
    (400, 404, 422), why="there is no product XX-000")
made = client.post("/orders", json=dict(customer_id=4, lines=[dict(sku="BR-400", quantity=8)]))
made.expect(201, json_subset={"customer_id": 4, "lines": [{"sku": "BR-400", "quantity": 8}], "total_cents": 4160},
            why="all 8 brioches, the whole stock, at 520 each")
made_id = made.json.get("id")
stored = shop.rows("SELECT o.customer_id, l.product_id, l.quantity FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = ?", (made_id,))
assert stored == [(4, 6, 8)], (
    f"the order the reply calls {made_id} should be stored for customer 4 with one line, product 6 × 8; the database holds {stored}"
)
stocks = dict(shop.rows("SELECT sku, stock FROM products"))
assert stocks == {"BG-250": 50, "BR-400": 0, "PC-100": 30}, (
    f"after refused orders and one order of 8 brioches the stocks should be BG-250 50, BR-400 0, PC-100 30; they are {stocks}"
)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task2_hidden_2", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

### BEGIN HIDDEN TESTS
depot = SQLiteFile()
orders_app = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": depot.uri})
import flask
assert not (flask.has_app_context() and flask.current_app._get_current_object() is orders_app.app), (
    "create_app left an app context of its new app pushed: every request to that app then shares one "
    "db.session, which is never removed, instead of a session of its own"
)
depot.write("INSERT INTO customers VALUES (?, ?, ?)", [(1, "Café Nord", "nord@example.com")], many=True)
depot.write("INSERT INTO products VALUES (?, ?, ?, ?, ?)",
            [(1, "BG-250", "Baguette", 180, 50), (2, "BR-400", "Brioche", 520, 8), (3, "PC-100", "Pain au chocolat", 110, 30)], many=True)
before = dict(depot.rows("SELECT sku, stock FROM products"))


def nothing_kept(label):
    orders_now = depot.value("SELECT count(*) FROM orders")
    lines_now = depot.value("SELECT count(*) FROM order_lines")
    stock_now = dict(depot.rows("SELECT sku, stock FROM products"))
    assert (orders_now, lines_now) == (0, 0), (
        f"after {label}, nothing of the order should be stored; found {orders_now} orders and {lines_now} order lines"
    )
    assert stock_now == before, f"after {label}, every stock should be as it was, {before}; it is {stock_now}"
    depot.expect_unlocked(label)


refusals = [
    ([("BG-250", 5), ("BR-400", 9)], 409, "an order whose second line asks for 9 brioches (8 in stock)"),
    ([("BG-250", 5), ("PC-100", 10), ("BR-400", 99)], 409, "an order whose third line asks for 99 brioches"),
    ([("BR-400", 2), ("XX-111", 1)], (400, 404, 422), "an order whose second line names an unknown sku"),
    ([("BG-250", 51)], 409, "an order of 51 baguettes (50 in stock)"),
]
for pairs, status, label in refusals:
    body = dict(customer_id=1, lines=[dict(sku=sku, quantity=count) for sku, count in pairs])
    orders_app.post("/orders", json=body).expect(status, why=label)
    nothing_kept(label)

depot.write("UPDATE products SET stock = 60 WHERE sku = 'BR-400'")
restocked = orders_app.post("/orders", json=dict(customer_id=1, lines=[dict(sku="BR-400", quantity=20), dict(sku="BG-250", quantity=50)]))
restocked.expect(201, json_subset={"id": 1, "total_cents": 20 * 520 + 50 * 180},
                 why="brioche was restocked to 60 directly in the database; 20 brioches and all 50 baguettes")
depot.expect_unlocked("an order that was stored")
after = dict(depot.rows("SELECT sku, stock FROM products"))
assert after == {"BG-250": 0, "BR-400": 40, "PC-100": 30}, (
    f"after an order of 20 brioches (restocked to 60) and 50 baguettes, the stocks should be BG-250 0, BR-400 40, PC-100 30; they are {after}"
)
orders_app.post("/orders", json=dict(customer_id=1, lines=[dict(sku="PC-100", quantity=1), dict(sku="BG-250", quantity=1)])).expect(
    409, why="no baguette is left")
assert depot.value("SELECT count(*) FROM orders") == 1, "a refused order after a stored one should store nothing"
assert dict(depot.rows("SELECT sku, stock FROM products"))["PC-100"] == 30, (
    "an order refused for its baguette line should not take the pain au chocolat of its first line"
)

import gc
# Objects a leftover session still holds stay in memory, as they would between requests in production.
collecting = gc.isenabled()
gc.disable()
try:
    big_order = dict(customer_id=1, lines=[dict(sku="PC-100", quantity=31)])
    orders_app.post("/orders", json=big_order).expect(409, why="31 pains au chocolat asked for, 30 in stock")
    depot.write("UPDATE products SET stock = 100 WHERE sku = 'PC-100'")
    orders_app.post("/orders", json=big_order).expect(
        201, why="pain au chocolat was restocked to 100 directly in the database after the refused order of 31")
finally:
    if collecting:
        gc.enable()
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: list the orders without N+1 queries (3 points)
#
# `GET /orders` answers `200` with every order, lowest `id` first:
#
# ```json
# {"orders": [{"id": 1, "customer": {"id": 7, "name": "Café Lune"},
#              "lines": [{"sku": "SD-800", "name": "Sourdough loaf 800 g", "quantity": 10, "price_cents": 450}],
#              "total_cents": 4500}]}
# ```
#
# (each order's lines in any order; `{"orders": []}` when there are none;
# every order the tests list has at least one line).
#
# The morning rush lists hundreds of orders. Loading each order's customer,
# lines and products one query at a time (the ORM's default *lazy* loading)
# sends one SQL statement per order, or more: the N+1 problem. Your view must
# send **at most 5 SQL statements, however many orders there are**. Any
# eager-loading strategy is accepted (`selectinload`, `joinedload`,
# `subqueryload`, `lazy="selectin"` on the relationship, or one hand-written
# join whose rows you group). The tests count the statements your app sends
# with SQLAlchemy's `before_cursor_execute` event; you can do the same:
#
# ```python
# from sqlalchemy import event
# from sqlalchemy.engine import Engine
# sent = []
# def count(conn, cursor, statement, parameters, context, executemany):
#     sent.append(statement)
# event.listen(Engine, "before_cursor_execute", count)
# ...                                   # a request through app.test_client()
# event.remove(Engine, "before_cursor_execute", count)
# ```

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

_file = SQLiteFile()
app = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": _file.uri})
app.get("/orders").expect(200, json={"orders": []}, why="no orders yet")
_file.write("INSERT INTO customers (id, name, email) VALUES (7, 'Café Lune', 'lune@example.com')")
_file.write("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (1, 'SD-800', 'Sourdough loaf 800 g', 450, 40)")
_file.write("INSERT INTO orders (id, customer_id) VALUES (1, 7)")
_file.write("INSERT INTO order_lines (id, order_id, product_id, quantity) VALUES (1, 1, 1, 10)")
app.get("/orders").expect(200, json={"orders": [{
    "id": 1, "customer": {"id": 7, "name": "Café Lune"},
    "lines": [{"sku": "SD-800", "name": "Sourdough loaf 800 g", "quantity": 10, "price_cents": 450}],
    "total_cents": 4500,
}]}, why="one order of 10 loaves")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder.sqlchecks import SQLiteFile, count_statements

### BEGIN HIDDEN TESTS
rush = SQLiteFile()
lister = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": rush.uri})
rush.write("INSERT INTO customers VALUES (?, ?, ?)", [(c, f"Café {c}", f"cafe{c}@example.com") for c in range(1, 13)], many=True)
rush.write("INSERT INTO products VALUES (?, ?, ?, ?, ?)",
           [(p, f"P-{p:03d}", f"Pastry {p}", 100 + p, 1000) for p in range(1, 21)], many=True)


def add_orders(first, last):
    """Orders first..last; order n belongs to customer n % 12 + 1 and has n % 3 + 1 lines."""
    orders, lines = [], []
    for number in range(first, last + 1):
        orders.append((number, number % 12 + 1))
        for k in range(number % 3 + 1):
            lines.append((number, (number + 7 * k) % 20 + 1, k + number % 5 + 1))
    rush.write("INSERT INTO orders (id, customer_id) VALUES (?, ?)", orders, many=True)
    rush.write("INSERT INTO order_lines (order_id, product_id, quantity) VALUES (?, ?, ?)", lines, many=True)


def expected_orders(last):
    out = []
    for number in range(1, last + 1):
        customer = number % 12 + 1
        picked = [((number + 7 * k) % 20 + 1, k + number % 5 + 1) for k in range(number % 3 + 1)]
        out.append({"id": number, "customer": {"id": customer, "name": f"Café {customer}"},
                    "lines": sorted(({"sku": f"P-{p:03d}", "name": f"Pastry {p}", "quantity": q, "price_cents": 100 + p}
                                     for p, q in picked), key=lambda line: line["sku"]),
                    "total_cents": sum(q * (100 + p) for p, q in picked)})
    return out


def listed_orders():
    with count_statements() as sent:
        reply = lister.get("/orders").expect(200, is_json=True, why="the list of orders")
    body = reply.json
    assert isinstance(body, dict) and isinstance(body.get("orders"), list), (
        f"GET /orders should answer a JSON object with a list in \"orders\"; got {reply.describe()}"
    )
    for order in body["orders"]:
        if isinstance(order, dict) and isinstance(order.get("lines"), list):
            order["lines"] = sorted(order["lines"], key=lambda line: str(line.get("sku")) if isinstance(line, dict) else "")
    return body["orders"], len(sent)


for last in (3, 60):
    if last == 60:
        add_orders(4, 60)
    else:
        add_orders(1, 3)
    got, count = listed_orders()
    want = expected_orders(last)
    assert got == want, (
        f"GET /orders with {last} orders (12 customers, 20 products) should list them all, lowest id first, each "
        f"with its customer and lines; the first difference is at position "
        f"{next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))}"
    )
    assert count <= 5, (
        f"GET /orders with {last} orders sent {count} SQL statements; it should send at most 5 however many "
        "orders there are. Load the customers, lines and products eagerly (selectinload, joinedload, a join)."
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: product sales, served by an index (4 points)
#
# `GET /products/<sku>/sales` answers `200` with
# `{"sku": <sku>, "units": <total quantity ordered>, "orders": <number of orders with a line of it>}`
# (`units` and `orders` are `0`, not `null`, for a product nobody ordered
# yet), or `404` for an unknown `sku`.
#
# `order_lines` grows by thousands of rows a day, and the unique constraint
# on `(order_id, product_id)` does not help a search by `product_id` (its
# index starts with `order_id`). Declare an index on `order_lines` whose
# **first column is `product_id`** (its name is up to you:
# `mapped_column(index=True)` names it `ix_order_lines_product_id`). The
# tests record the SQL statements your view sends and ask SQLite for their
# plan with `EXPLAIN QUERY PLAN`: wherever they read `order_lines`, the plan
# must `SEARCH order_lines USING INDEX <your index>` (or `USING COVERING
# INDEX`), never `SCAN order_lines`. Computing the sums in SQL or in Python
# over the product's lines are both accepted, as long as the lines are
# found through that index.
#
# To read a plan yourself, in a scratch cell:
#
# ```python
# with app.app_context():
#     for row in db.session.execute(text("EXPLAIN QUERY PLAN SELECT ... WHERE product_id = :p"), {"p": 1}):
#         print(row)
# ```
#
# Task 5 asks what you saw.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

_file = SQLiteFile()
app = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": _file.uri})
_file.write("INSERT INTO customers (id, name, email) VALUES (7, 'Café Lune', 'lune@example.com')")
_file.write("INSERT INTO products (id, sku, name, price_cents, stock) VALUES (1, 'SD-800', 'Sourdough loaf 800 g', 450, 40)")
_file.write("INSERT INTO orders (id, customer_id) VALUES (?, 7)", [(1,), (2,)], many=True)
_file.write("INSERT INTO order_lines (order_id, product_id, quantity) VALUES (?, 1, ?)", [(1, 10), (2, 5)], many=True)
app.get("/products/SD-800/sales").expect(200, json={"sku": "SD-800", "units": 15, "orders": 2},
                                         why="two orders, of 10 and 5 loaves")
app.get("/products/RY-500/sales").expect(404, why="there is no product RY-500")

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app
from autograder.sqlchecks import SQLiteFile

### BEGIN HIDDEN TESTS
ledger = SQLiteFile()
seller = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": ledger.uri})
ledger.write("INSERT INTO customers VALUES (1, 'Bar Sol', 'sol@example.com')")
ledger.write("INSERT INTO products VALUES (?, ?, ?, ?, ?)",
             [(1, "BG-250", "Baguette", 180, 5), (2, "BR-400", "Brioche", 520, 5), (3, "PC-100", "Pain au chocolat", 110, 5)], many=True)
seller.get("/products/BR-400/sales").expect(200, json={"sku": "BR-400", "units": 0, "orders": 0},
                                            why="nobody ordered BR-400 yet: 0 units in 0 orders")
ledger.write("INSERT INTO orders VALUES (?, 1)", [(n,) for n in range(1, 8)], many=True)
ledger.write("INSERT INTO order_lines (order_id, product_id, quantity) VALUES (?, ?, ?)",
             [(1, 1, 3), (1, 3, 2), (2, 3, 7), (3, 1, 1), (4, 3, 1), (5, 3, 12), (6, 1, 40), (7, 2, 1)], many=True)
for sku, units, count in (("BG-250", 44, 3), ("PC-100", 22, 4), ("BR-400", 1, 1)):
    seller.get(f"/products/{sku}/sales").expect(
        200, json={"sku": sku, "units": units, "orders": count},
        why=f"{sku} was ordered in {count} orders, {units} units in all")
seller.get("/products/bg-250/sales").expect(404, why="skus are case-sensitive: there is no product bg-250")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_2", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app
from autograder.sqlchecks import SQLiteFile, count_statements

### BEGIN HIDDEN TESTS
planned = SQLiteFile()
reporter = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": planned.uri})
planned.write("INSERT INTO customers VALUES (1, 'Kiosk 9', 'k9@example.com')")
planned.write("INSERT INTO products VALUES (?, ?, ?, ?, ?)",
              [(p, f"S-{p:02d}", f"Bun {p}", 90 + p, 10) for p in range(1, 31)], many=True)
planned.write("INSERT INTO orders VALUES (?, 1)", [(n,) for n in range(1, 301)], many=True)
planned.write("INSERT INTO order_lines (order_id, product_id, quantity) VALUES (?, ?, ?)",
              [(n, (n + shift) % 30 + 1, size) for n in range(1, 301) for shift, size in ((0, 1), (11, 2))], many=True)
units, count = planned.rows("SELECT sum(quantity), count(DISTINCT order_id) FROM order_lines WHERE product_id = 8")[0]
with count_statements() as sent:
    reporter.get("/products/S-08/sales").expect(200, json={"sku": "S-08", "units": units, "orders": count},
                                                why="the sales of S-08 among 300 orders")
planned.expect_index_used(sent, "order_lines", "product_id", why="GET /products/S-08/sales")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# 1. What did `EXPLAIN QUERY PLAN` say about your sales query before you
#    declared the index, and after? What does each plan line mean, and why
#    does the index on `(order_id, product_id)` not help?
# 2. In production Crumb runs this API on PostgreSQL with several gunicorn
#    workers. Two cafés order the last 3 croissants at the same moment. Can
#    your `POST /orders` sell 6? Say why, and what you would change so that
#    the database, not luck, prevents it.

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** Without the index SQLite answers `SCAN order_lines`: it
# reads every line of every order to find one product's lines, so the
# request gets slower with every order taken. With it: `SEARCH order_lines
# USING INDEX ix_order_lines_product_id (product_id=?)`: it walks the index
# to the matching rows only (a `COVERING INDEX` would not even visit the
# table). `USE TEMP B-TREE FOR count(DISTINCT)` is the sort for the distinct
# count. The unique constraint's index is ordered by `order_id` first, so it
# can find "the lines of order 7" but not "the lines of product 3", just as a
# phone book sorted by surname cannot find a first name.
#
# Yes, it can oversell: each request reads `stock = 3`, checks `3 >= 3` in
# Python and writes `stock = 0`; under PostgreSQL's default READ COMMITTED
# both read 3 before either commits, and the second write overwrites the
# first (a lost update). The `CHECK (stock >= 0)` does not help because each
# writes 0. Fixes: decrement in SQL with the condition in the same statement,
# `UPDATE products SET stock = stock - :q WHERE id = :id AND stock >= :q`,
# and refuse the order (roll back) when it changed no row; or lock the rows,
# `SELECT ... FOR UPDATE` (`with_for_update()`), in a consistent order (by
# id) to avoid deadlocks; or `SERIALIZABLE` with a retry. With
# `stock = stock - :q` alone, the CHECK constraint then refuses the second
# order. (SQLite serialises writers, which hides the bug here.)
#
# **Rubric (1 point each).**
# 1. Reads the plans: SCAN (every row) before, SEARCH USING INDEX after, and
#    why a composite index whose first column is `order_id` cannot serve a
#    search by `product_id` (leftmost prefix).
# 2. Names the race: read-check-write in the application, both transactions
#    read the same stock before either commits, lost update; the CHECK does
#    not catch it when each writes an absolute value.
# 3. A database-side fix that works: an atomic conditional `UPDATE ... SET
#    stock = stock - q WHERE stock >= q` with a row-count check, or row locks
#    (`SELECT ... FOR UPDATE`, ideally in a fixed order), or serializable
#    isolation with retries.
