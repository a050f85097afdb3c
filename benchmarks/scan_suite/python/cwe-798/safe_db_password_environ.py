# CWE-798 safe: the database password is read from the DB_PASSWORD environment variable at connect time
import os

import psycopg2

DB_HOST = "db.internal"
DB_USER = "orders_app"


def get_connection():
    return psycopg2.connect(host=DB_HOST, user=DB_USER, password=os.environ["DB_PASSWORD"], dbname="orders")
