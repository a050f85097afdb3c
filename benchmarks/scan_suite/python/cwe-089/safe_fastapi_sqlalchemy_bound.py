# CWE-89 safe: sqlalchemy.text() with a :category bind parameter and the value passed in the parameters dict
from fastapi import FastAPI
from sqlalchemy import create_engine, text

api = FastAPI()
engine = create_engine("postgresql+psycopg2://app@db/app")


@api.get("/products")
def products(category: str):
    with engine.connect() as conn:
        result = conn.execute(
            text("SELECT id, name FROM products WHERE category = :category"),
            {"category": category},
        )
        return [dict(r._mapping) for r in result]
