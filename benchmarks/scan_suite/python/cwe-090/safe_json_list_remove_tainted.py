# CWE-90 safe: the JSON login is appended then removed again; the OR filter is built from the two constant clauses only
from flask import Flask, request
from ldap3 import Connection, Server

app = Flask(__name__)


@app.post("/users/resolve")
def resolve():
    requested = request.get_json().get("login", "")
    clauses = ["(uid=admin)", "(uid=support)"]
    clauses.append("(uid=%s)" % requested)
    clauses.remove("(uid=%s)" % requested)
    flt = "(|" + "".join(clauses) + ")"
    conn = Connection(Server("ldap://ldap.example.com"), auto_bind=True)
    conn.search("ou=people,dc=example,dc=com", flt, attributes=["cn", "mail"])
    return {"users": [e.entry_to_json() for e in conn.entries]}
