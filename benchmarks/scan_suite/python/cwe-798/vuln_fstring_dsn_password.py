# CWE-798 vuln: the SQLAlchemy URL is built with an f-string around a literal password variable
from sqlalchemy import create_engine

USER = "analytics"
PASSWORD = "An@lytics-Str0ng-1"


def engine():
    return create_engine(f"postgresql+psycopg2://{USER}:{PASSWORD}@warehouse.internal:5432/analytics")
