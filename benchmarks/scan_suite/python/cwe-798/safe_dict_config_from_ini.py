# CWE-798 safe: the MySQL settings dict is filled from an INI file outside the repository (path from the environment)
import configparser
import os

import mysql.connector


def load_db_config():
    parser = configparser.ConfigParser()
    parser.read(os.environ.get("INVENTORY_CONFIG", "/etc/inventory/db.ini"))
    section = parser["database"]
    return {
        "host": section["host"],
        "user": section["user"],
        "password": section["password"],
        "database": section.get("name", "inventory"),
    }


def get_db():
    return mysql.connector.connect(**load_db_config())
