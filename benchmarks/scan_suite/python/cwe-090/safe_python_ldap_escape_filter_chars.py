# CWE-90 safe: same lookup, but ldap.filter.escape_filter_chars escapes *, (, ), \ and NUL in the username first
import ldap
from flask import Flask, request
from ldap.filter import escape_filter_chars

app = Flask(__name__)
BASE_DN = "ou=people,dc=example,dc=com"


@app.post("/login/lookup")
def lookup():
    user = escape_filter_chars(request.form["username"])
    conn = ldap.initialize("ldap://ldap.example.com")
    conn.simple_bind_s("cn=reader,dc=example,dc=com", "")
    results = conn.search_s(BASE_DN, ldap.SCOPE_SUBTREE, "(uid=" + user + ")", ["cn", "mail"])
    return {"found": len(results)}
