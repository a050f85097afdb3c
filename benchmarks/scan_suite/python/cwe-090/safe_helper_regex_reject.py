# CWE-90 safe: the group header must fully match [A-Za-z0-9_-]+ (no filter metacharacters) or the request stops before the helper runs
import re

import ldap
from flask import Flask, abort, request

app = Flask(__name__)
GROUP_RE = re.compile(r"[A-Za-z0-9_-]+")


def group_filter(group_name):
    return "(&(objectClass=groupOfNames)(cn={}))".format(group_name)


@app.route("/groups/members")
def members():
    group = request.headers.get("X-Group", "staff")
    if not GROUP_RE.fullmatch(group):
        abort(400)
    conn = ldap.initialize("ldap://ldap.example.com")
    res = conn.search_s("ou=groups,dc=example,dc=com", ldap.SCOPE_SUBTREE, group_filter(group), ["member"])
    return {"groups": [dn for dn, _ in res]}
