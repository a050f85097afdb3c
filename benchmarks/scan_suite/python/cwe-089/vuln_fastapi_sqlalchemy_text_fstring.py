# CWE-89 vuln: FastAPI query parameter interpolated with an f-string into sqlalchemy.text() and executed
from fastapi import FastAPI
from sqlalchemy import create_engine, text

api = FastAPI()
engine = create_engine("postgresql+psycopg2://app@db/app")


@api.get("/products")
def products(category: str):
    with engine.connect() as conn:
        result = conn.execute(text(f"SELECT id, name FROM products WHERE category = '{category}'"))
        return [dict(r._mapping) for r in result]
