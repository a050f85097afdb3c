# CWE-90 vuln: each JSON login name is appended as "(uid=<name>)" in a loop and the OR filter handed to ldap3 unescaped
from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)


@app.post("/users/resolve")
def resolve():
    names = request.get_json().get("logins", [])
    clauses = []
    for name in names:
        clauses.append("(uid=%s)" % name)
    flt = "(|" + "".join(clauses) + ")"
    conn = Connection(Server("ldap://ldap.example.com"), auto_bind=True)
    conn.search("ou=people,dc=example,dc=com", flt, attributes=["cn", "mail"])
    return {"users": [e.entry_to_json() for e in conn.entries]}
