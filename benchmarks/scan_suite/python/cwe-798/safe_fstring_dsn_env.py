# CWE-798 safe: the SQLAlchemy URL is built with URL.create from environment values; no password literal
import os

from sqlalchemy import create_engine
from sqlalchemy.engine import URL


def engine():
    url = URL.create(
        "postgresql+psycopg2",
        username=os.environ["WAREHOUSE_USER"],
        password=os.environ["WAREHOUSE_PASSWORD"],
        host="warehouse.internal",
        port=5432,
        database="analytics",
    )
    return create_engine(url)
