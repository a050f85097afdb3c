# CWE-90 vuln: login form username concatenated into an LDAP filter for python-ldap search_s; "*)(uid=*" widens the match
import ldap
from flask import Flask, request

app = Flask(__name__)
BASE_DN = "ou=people,dc=example,dc=com"


@app.post("/login/lookup")
def lookup():
    user = request.form["username"]
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s("cn=reader,dc=example,dc=com", "")
    results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + user + ")", ["cn", "mail"])
    return {"found": len(results)}
