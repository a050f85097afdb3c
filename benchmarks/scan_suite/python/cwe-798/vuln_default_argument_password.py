# CWE-798 vuln: the connection helper's default arguments embed the service account password
import pymysql


def connect(host="mysql.internal", user="report_svc", password="Winter2024!rpt", database="reports"):
    return pymysql.connect(host=host, user=user, password=password, database=database)
