# CWE-90 vuln: a same-file helper builds the group filter with str.format from a header value; nothing escapes it
import ldap
from flask import Flask, request

app = Flask(__name__)


def group_filter(group_name):
    return "(&(objectClass=groupOfNames)(cn={}))".format(group_name)


@app.route("/groups/members")
def members():
    group = request.headers.get("X-Group", "staff")
    conn = ldap.initialize("ldap://ldap.example.com")
    res = conn.search_s("ou=groups,dc=example,dc=com", ldap.SCOPE_SUBTREE, group_filter(group), ["member"])
    return {"groups": [dn for dn, _ in res]}
