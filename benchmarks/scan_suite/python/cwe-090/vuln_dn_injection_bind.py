# CWE-90 vuln: the login name is concatenated into the bind DN (DN injection: ",", "+" and "=" are not escaped)
import ldap
from flask import Flask, request

app = Flask(__name__)


@app.post("/login")
def login():
    username = request.form["username"]
    password = request.form["password"]
    conn = ldap.initialize("ldap://ldap.example.com")
    try:
        conn.simple_bind_s("uid=" + username + ",ou=people,dc=example,dc=com", password)
    except ldap.INVALID_CREDENTIALS:
        return "denied", 401
    return "welcome"
