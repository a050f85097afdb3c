# CWE-90 vuln: query-string email placed into an ldap3 search filter with an f-string
from flask import Flask, request
from ldap3 import SUBTREE, Connection, Server

app = Flask(__name__)
server = Server("ldaps://directory.example.com")


@app.route("/directory/by-mail")
def by_mail():
    email = request.args.get("email", "")
    conn = Connection(server, auto_bind=True)
    conn.search(
        "dc=example,dc=com",
        f"(&(objectClass=person)(mail={email}))",
        search_scope=SUBTREE,
        attributes=["cn", "telephoneNumber"],
    )
    return {"entries": [e.entry_to_json() for e in conn.entries]}
