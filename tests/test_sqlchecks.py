"""autograder.sqlchecks (exercise 15): a database file read from outside the app, statements counted, plans read."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, text

from autograder import CheckFailed
from autograder.sqlchecks import SQLiteFile, Statement, count_statements, parse_plan_detail


@pytest.mark.parametrize(("detail", "action", "table", "index", "covering"), [
    ("SCAN order_lines", "SCAN", "order_lines", None, False),
    ("SEARCH order_lines USING INDEX ix_a (product_id=?)", "SEARCH", "order_lines", "ix_a", False),
    ("SEARCH order_lines AS l USING COVERING INDEX ix_b (product_id=?)", "SEARCH", "order_lines", "ix_b", True),
    ("SCAN order_lines USING COVERING INDEX sqlite_autoindex_order_lines_1", "SCAN", "order_lines",
     "sqlite_autoindex_order_lines_1", True),
    ("SEARCH products USING INTEGER PRIMARY KEY (rowid=?)", "SEARCH", "products", None, False),
    ("USE TEMP B-TREE FOR count(DISTINCT)", "USE", None, None, False),
    ("", "", None, None, False),
])
def test_parse_plan_detail(detail, action, table, index, covering):
    row = parse_plan_detail(detail)
    assert (row.action, row.table, row.index, row.covering) == (action, table, index, covering)


def made(indexed: bool) -> SQLiteFile:
    db_file = SQLiteFile()
    with sqlite3.connect(db_file.path) as conn:
        conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, "
                     "price INTEGER NOT NULL CHECK (price > 0))")
        conn.execute("CREATE TABLE lines (id INTEGER PRIMARY KEY, order_id INTEGER, item_id INTEGER "
                     "REFERENCES items (id), UNIQUE (order_id, item_id))")
        if indexed:
            conn.execute("CREATE INDEX lines_by_item ON lines (item_id, order_id)")
    return db_file


def test_rows_value_and_write():
    db_file = made(False)
    db_file.write("INSERT INTO items (code, price) VALUES (?, ?)", [("a", 1), ("b", 2)], many=True)
    assert db_file.rows("SELECT code FROM items ORDER BY id") == [("a",), ("b",)]
    assert db_file.value("SELECT sum(price) FROM items") == 3
    assert db_file.value("SELECT code FROM items WHERE id = 99") is None
    with pytest.raises(CheckFailed, match="no such table"):
        db_file.rows("SELECT * FROM missing_table")


def test_a_file_never_created_is_explained():
    with pytest.raises(CheckFailed, match="never created"):
        SQLiteFile().rows("SELECT 1")


def test_expect_refused_and_accepted():
    db_file = made(False)
    db_file.write("INSERT INTO items (id, code, price) VALUES (1, 'a', 5)")
    db_file.expect_refused("INSERT INTO items (code, price) VALUES (?, ?)", ("a", 3), why="a duplicate code")
    db_file.expect_refused("INSERT INTO items (code, price) VALUES (?, ?)", ("b", 0), why="price 0")
    db_file.expect_refused("INSERT INTO lines (order_id, item_id) VALUES (?, ?)", (1, 9), why="item 9")
    db_file.expect_accepted("INSERT INTO items (code, price) VALUES (?, ?)", ("b", 1), why="price 1")
    with pytest.raises(CheckFailed, match="accepted a line without order"):
        db_file.expect_refused("INSERT INTO lines (order_id, item_id) VALUES (?, ?)", (None, 1), why="a line without order")
    with pytest.raises(CheckFailed, match="refused price -1, which is valid"):
        db_file.expect_accepted("INSERT INTO items (code, price) VALUES (?, ?)", ("c", -1), why="price -1")
    assert db_file.value("SELECT count(*) FROM items") == 1, "nothing the checks inserted is kept"
    assert db_file.foreign_keys("lines") == {("item_id", "items", "id")}


def test_expect_unlocked_sees_an_open_write_transaction():
    db_file = made(False)
    db_file.expect_unlocked("nothing")
    holder = sqlite3.connect(db_file.path)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(CheckFailed, match="still locked"):
            db_file.expect_unlocked("a refused order")
    finally:
        holder.rollback()
        holder.close()


def test_count_statements_sees_any_engine_and_stops_listening():
    engine = create_engine("sqlite://")
    with count_statements() as sent:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            conn.execute(text("SELECT :x"), {"x": 2})
    assert [s.sql for s in sent] == ["SELECT 1", "SELECT ?"]
    assert sent[1].parameters == (2,)
    with engine.connect() as conn:
        conn.execute(text("SELECT 3"))
    assert len(sent) == 2


@pytest.mark.parametrize("indexed", [True, False])
def test_expect_index_used(indexed):
    db_file = made(indexed)
    search = [Statement("SELECT count(*) FROM lines WHERE item_id = ?", (1,))]
    if indexed:
        db_file.expect_index_used(search, "lines", "item_id", why="the sales")
        assert db_file.indexes("lines")["lines_by_item"] == ["item_id", "order_id"]
    else:
        with pytest.raises(CheckFailed, match="no index whose first column is item_id"):
            db_file.expect_index_used(search, "lines", "item_id", why="the sales")


def test_expect_index_used_refuses_a_scan_and_a_query_that_never_searches():
    db_file = made(True)
    scan = [Statement("SELECT count(*) FROM lines WHERE order_id + 0 = ?", (1,))]
    with pytest.raises(CheckFailed, match="reads every row of lines"):
        db_file.expect_index_used(scan, "lines", "item_id", why="the sales")
    other = [Statement("SELECT id FROM items WHERE code = ?", ("a",))]
    with pytest.raises(CheckFailed, match="No query of the sales searched lines"):
        db_file.expect_index_used(other, "lines", "item_id", why="the sales")
