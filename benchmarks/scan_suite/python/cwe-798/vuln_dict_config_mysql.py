# CWE-798 vuln: a settings dict with a literal "password" entry is splatted into mysql.connector.connect
import mysql.connector

DB_CONFIG = {
    "host": "mysql.internal",
    "user": "inventory",
    "password": "Inv3ntory!Secret",
    "database": "inventory",
}


def get_db():
    return mysql.connector.connect(**DB_CONFIG)
