# CWE-90 safe: ldap.dn.escape_dn_chars escapes the login name before it becomes part of the bind DN
import ldap
from flask import Flask, request
from ldap.dn import escape_dn_chars

app = Flask(__name__)


@app.post("/login")
def login():
    username = request.form["username"]
    password = request.form["password"]
    conn = ldap.initialize("ldap://ldap.example.com")
    try:
        conn.simple_bind_s("uid=" + escape_dn_chars(username) + ",ou=people,dc=example,dc=com", password)
    except ldap.INVALID_CREDENTIALS:
        return "denied", 401
    return "welcome"
