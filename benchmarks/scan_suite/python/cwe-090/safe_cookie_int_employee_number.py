# CWE-90 safe: the decoded cookie is converted with int(), so the filter can only contain a number
import base64

from flask import Flask, abort, request
from ldap3 import Connection, Server

app = Flask(__name__)


@app.route("/me/manager")
def manager():
    try:
        emp = int(base64.urlsafe_b64decode(request.cookies["emp"]).decode("utf-8"))
    except (KeyError, ValueError):
        abort(400)
    conn = Connection(Server("ldap://ldap.example.com"), auto_bind=True)
    conn.search("dc=example,dc=com", "(employeeNumber=" + str(emp) + ")", attributes=["manager"])
    return {"manager": str(conn.entries[0].manager) if conn.entries else None}
