# CWE-798 vuln: the production database password is a string literal in the module and passed to psycopg2.connect
import psycopg2

DB_HOST = "db.internal"
DB_USER = "orders_app"
DB_PASSWORD = "Qm7!vR2#orders-prod"


def get_connection():
    return psycopg2.connect(host=DB_HOST, user=DB_USER, password=DB_PASSWORD, dbname="orders")
