# CWE-89 safe: SQLAlchemy Core select().where(column == value) binds the argv region as a parameter
import sys

from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, func, select

metadata = MetaData()
sales = Table("sales", metadata, Column("month", String), Column("region", String), Column("amount", Integer))


def main(argv):
    region = argv[1]
    engine = create_engine("sqlite:////srv/reports/sales.db")
    stmt = select(sales.c.month, func.sum(sales.c.amount)).where(sales.c.region == region).group_by(sales.c.month)
    with engine.connect() as conn:
        for row in conn.execute(stmt):
            print(*row)


if __name__ == "__main__":
    main(sys.argv)
