# CWE-798 safe: the helper's password default is None and is resolved from REPORT_DB_PASSWORD in the environment
import os

import pymysql


def connect(host="mysql.internal", user="report_svc", password=None, database="reports"):
    if password is None:
        password = os.environ["REPORT_DB_PASSWORD"]
    return pymysql.connect(host=host, user=user, password=password, database=database)
