# CWE-328 safe: the registration password is stored with PBKDF2-HMAC-SHA256 (600k iterations, random salt)
import hashlib
import os
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.post("/register")
def register():
    username = request.form["username"]
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", request.form["password"].encode(), salt, 600_000).hex()
    db = sqlite3.connect("/srv/app/users.db")
    db.execute("INSERT INTO users(name, salt, pw_hash) VALUES (?, ?, ?)", (username, salt.hex(), digest))
    db.commit()
    return "registered"
