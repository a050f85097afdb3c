# CWE-90 vuln: base64-decoded cookie value concatenated into an ldap3 search filter
import base64

from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)


@app.route("/me/manager")
def manager():
    uid = base64.urlsafe_b64decode(request.cookies["uid"]).decode("utf-8")
    conn = Connection(Server("ldap://ldap.example.com"), auto_bind=True)
    conn.search("dc=example,dc=com", "(uid=" + uid + ")", attributes=["manager"])
    return {"manager": str(conn.entries[0].manager) if conn.entries else None}
