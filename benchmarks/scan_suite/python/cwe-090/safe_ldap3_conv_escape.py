# CWE-90 safe: ldap3.utils.conv.escape_filter_chars is applied to the email before the f-string filter is built
from flask import Flask, request
from ldap3 import SUBTREE, Connection, Server
from ldap3.utils.conv import escape_filter_chars

app = Flask(__name__)
server = Server("ldaps://directory.example.com")


@app.route("/directory/by-mail")
def by_mail():
    email = escape_filter_chars(request.args.get("email", ""))
    conn = Connection(server, auto_bind=True)
    conn.search(
        "dc=example,dc=com",
        f"(&(objectClass=person)(mail={email}))",
        search_scope=SUBTREE,
        attributes=["cn", "telephoneNumber"],
    )
    return {"entries": [e.entry_to_json() for e in conn.entries]}
