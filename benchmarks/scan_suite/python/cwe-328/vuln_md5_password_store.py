# CWE-328 vuln: the registration form's password is stored as an MD5 digest (fast, broken hash) in the users table
import hashlib
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.post("/register")
def register():
    username = request.form["username"]
    digest = hashlib.md5(request.form["password"].encode()).hexdigest()
    db = sqlite3.connect("/srv/app/users.db")
    db.execute("INSERT INTO users(name, pw_hash) VALUES (?, ?)", (username, digest))
    db.commit()
    return "registered"
