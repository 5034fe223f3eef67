"""Check what a candidate's app did to its SQLite database, from outside the app.

ORM exercises (15) give every app a database file of its own and then read that
file with the standard library's ``sqlite3``, not through the candidate's
engine or models: the schema's constraints, the rows a request left behind,
the statements a request sent and the plan SQLite makes for them::

    from autograder import check_app
    from autograder.sqlchecks import SQLiteFile, count_statements

    db_file = SQLiteFile()                                   # a new file in a scratch folder of its own
    app = check_app(create_app, {"SQLALCHEMY_DATABASE_URI": db_file.uri})
    db_file.write("INSERT INTO customers (id, name, email) VALUES (?, ?, ?)", (1, "Ada", "ada@example.com"))
    db_file.expect_refused("INSERT INTO products ...", (...), why="a price of 0")
    with count_statements() as statements:
        app.get("/orders").expect(200)
    db_file.expect_index_used(statements, "order_lines", "product_id")

Nothing here returns a boolean for a test cell to end on: every check raises
``CheckFailed`` with a message for the candidate, which names the situation
(``why``) and never the SQL a test ran.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from ._guard import CheckFailed
from ._record import passed
from .scratch import scratch_folder

__all__ = ["PlanRow", "SQLiteFile", "Statement", "count_statements", "parse_plan_detail"]


@dataclass(frozen=True)
class Statement:
    """One statement an engine sent to its database: the SQL and its parameters."""

    sql: str
    parameters: Any


@contextlib.contextmanager
def count_statements() -> Iterator[list[Statement]]:
    """Collect every statement any SQLAlchemy engine sends while the block runs.

    The listener is on the ``Engine`` class (``before_cursor_execute``), so it
    sees the candidate's engine however it was made, and it is removed when the
    block ends, even when the block raises.
    """
    seen: list[Statement] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        seen.append(Statement(statement, parameters))

    event.listen(Engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)


@dataclass(frozen=True)
class PlanRow:
    """One row of ``EXPLAIN QUERY PLAN``, its detail text read as SQLite writes it.

    ``action`` is ``SCAN`` or ``SEARCH`` (or another word for rows that read no
    table, such as ``USE TEMP B-TREE``), ``table`` the table's name (not its
    alias), ``index`` the index it uses (None for none, the rowid or the
    integer primary key), ``covering`` whether that index covers the query.
    """

    detail: str
    action: str
    table: str | None
    index: str | None
    covering: bool


def parse_plan_detail(detail: str) -> PlanRow:
    """Read ``SEARCH t AS a USING COVERING INDEX ix (c=?)`` into its parts."""
    words = detail.split()
    action = words[0] if words else ""
    if action not in ("SCAN", "SEARCH") or len(words) < 2:
        return PlanRow(detail, action, None, None, False)
    table = words[1]
    rest = words[2:]
    if rest[:1] == ["AS"]:
        rest = rest[2:]
    index = None
    covering = False
    if rest[:1] == ["USING"]:
        kind = rest[1:]
        if kind[:1] == ["COVERING"]:
            covering = True
            kind = kind[1:]
        if kind[:1] == ["INDEX"] and len(kind) > 1:
            index = kind[1]
    return PlanRow(detail, action, table, index, covering)


class SQLiteFile:
    """A fresh SQLite database file for one app, read and written with ``sqlite3``."""

    def __init__(self, name: str = "lab.db") -> None:
        self.folder = scratch_folder("flasklab-db-")
        self.path = self.folder / name
        self.uri = f"sqlite:///{self.path}"

    def __repr__(self) -> str:
        return f"SQLiteFile({self.path})"

    # -- plain access -------------------------------------------------------

    @contextlib.contextmanager
    def _connect(self, *, foreign_keys: bool = False, timeout: float = 5.0) -> Iterator[sqlite3.Connection]:
        if not self.path.exists():
            raise CheckFailed(
                "The app's database file was never created: does create_app use "
                "app.config[\"SQLALCHEMY_DATABASE_URI\"] from test_config and run db.create_all()?"
            )
        conn = sqlite3.connect(self.path, timeout=timeout)
        try:
            # Test data need not survive a power cut: skip the fsync of every commit.
            conn.execute("PRAGMA synchronous = OFF")
            if foreign_keys:
                conn.execute("PRAGMA foreign_keys = ON")
            yield conn
        finally:
            conn.close()

    def _fail(self, what: str, exc: sqlite3.Error) -> CheckFailed:
        return CheckFailed(f"{what} failed: {exc}. Do your tables have the names and columns the task gives?")

    def rows(self, sql: str, parameters: Sequence[Any] = (), *,
             what: str = "Reading the database") -> list[tuple[Any, ...]]:
        """The rows of a query; a missing table or column fails with ``what``."""
        with self._connect() as conn:
            try:
                return conn.execute(sql, parameters).fetchall()
            except sqlite3.Error as exc:
                raise self._fail(what, exc) from None

    def value(self, sql: str, parameters: Sequence[Any] = (), *, what: str = "Reading the database") -> Any:
        """The first column of the first row (None without rows)."""
        found = self.rows(sql, parameters, what=what)
        return found[0][0] if found else None

    def write(self, sql: str, rows: Sequence[Sequence[Any]] | Sequence[Any] = (), *,
              many: bool = False, what: str = "Writing test data to the database") -> None:
        """Run one statement (or one per row with ``many``) and commit; fail with ``what``."""
        with self._connect() as conn:
            try:
                if many:
                    conn.executemany(sql, rows)
                else:
                    conn.execute(sql, rows)
                conn.commit()
            except sqlite3.Error as exc:
                raise self._fail(what, exc) from None

    def expect_unlocked(self, why: str) -> None:
        """Fail when another connection holds a write lock on the file (a transaction left open)."""
        with self._connect(timeout=0) as conn:
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.rollback()
            except sqlite3.OperationalError as exc:
                raise CheckFailed(
                    f"After {why}, the database was still locked by a transaction of the app ({exc}): "
                    "each request should end its session (commit or roll back) before it returns."
                ) from None
        passed(f"the database is not locked after {why}")

    # -- constraints ----------------------------------------------------------

    def expect_refused(self, sql: str, parameters: Sequence[Any], *, why: str) -> None:
        """The statement must fail with an integrity error (a constraint); nothing is kept either way.

        Runs with ``PRAGMA foreign_keys = ON``, as a production connection should.
        """
        with self._connect(foreign_keys=True) as conn:
            try:
                conn.execute(sql, parameters)
            except sqlite3.IntegrityError:
                passed(f"the database refuses {why}")
                return
            except sqlite3.Error as exc:
                raise self._fail(f"Storing {why} directly in the database", exc) from None
            finally:
                conn.rollback()
        raise CheckFailed(
            f"The database itself accepted {why}. Declare a constraint in your models so that "
            "the table refuses it, whatever code writes to it."
        )

    def expect_accepted(self, sql: str, parameters: Sequence[Any], *, why: str) -> None:
        """The statement must succeed (it is rolled back afterwards)."""
        with self._connect(foreign_keys=True) as conn:
            try:
                conn.execute(sql, parameters)
            except sqlite3.Error as exc:
                raise CheckFailed(f"The database refused {why}, which is valid: {exc}") from None
            finally:
                conn.rollback()
        passed(f"the database accepts {why}")

    def foreign_keys(self, table: str) -> set[tuple[str, str, str]]:
        """``(column, referenced table, referenced column)`` of each foreign key of ``table``."""
        found = self.rows(f"PRAGMA foreign_key_list({table})")
        return {(row[3], row[2], row[4]) for row in found}

    def indexes(self, table: str) -> dict[str, list[str]]:
        """Each index of ``table`` (unique constraints' included) and its columns, in order."""
        out: dict[str, list[str]] = {}
        for row in self.rows(f"PRAGMA index_list({table})"):
            name = row[1]
            out[name] = [info[2] for info in sorted(self.rows(f"PRAGMA index_info({name})"))]
        return out

    # -- query plans ------------------------------------------------------------

    def plan(self, statement: Statement) -> list[PlanRow]:
        """What ``EXPLAIN QUERY PLAN`` says of a statement, with its own parameters."""
        rows = self.rows(f"EXPLAIN QUERY PLAN {statement.sql}", statement.parameters or (),
                         what="Asking SQLite for the plan of a query your app sent")
        return [parse_plan_detail(row[-1]) for row in rows]

    def expect_index_used(self, statements: Sequence[Statement], table: str, column: str, *, why: str) -> None:
        """At least one statement searches ``table`` through an index that starts with ``column``,
        and no statement scans the whole of ``table`` (a scan of a covering index included).
        """
        leading = {name for name, columns in self.indexes(table).items() if columns[:1] == [column]}
        if not leading:
            raise CheckFailed(
                f"{table} has no index whose first column is {column}; indexes found: "
                f"{sorted(self.indexes(table)) or 'none'} ({why})."
            )
        searched = False
        for statement in statements:
            if not statement.sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            for row in self.plan(statement):
                if row.table != table:
                    continue
                if row.action == "SCAN":
                    raise CheckFailed(
                        f"SQLite's plan for a query of {why} reads every row of {table}: "
                        f"\"{row.detail}\". With an index on {table}.{column} it should be a SEARCH "
                        f"USING INDEX {sorted(leading)[0]}."
                    )
                if row.action == "SEARCH" and row.index in leading:
                    searched = True
        if not searched:
            raise CheckFailed(
                f"No query of {why} searched {table} through the index on {column} "
                f"({', '.join(sorted(leading))}); the plans SQLite gave name no such search."
            )
        passed(f"{why} searches {table} by its index on {column}")
