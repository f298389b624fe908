"""Alembic environment: run the migrations on the connection `Store` hands over
(or on the URL given with `alembic -x url=...` when run by hand)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

cfg = context.config
connection = cfg.attributes.get("connection")


def _run(conn) -> None:
    context.configure(connection=conn, render_as_batch=conn.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # pragma: no cover - by hand only
    url = context.get_x_argument(as_dictionary=True).get("url") or cfg.get_main_option("sqlalchemy.url")
    with create_engine(url).begin() as conn:
        _run(conn)
