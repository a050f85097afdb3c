# CWE-89 safe: 7 * 18 + 86 = 212 > 200 picks the literal label, so the helper-built script never contains form data
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def build_insert(label):
    return "INSERT INTO bookmarks(label) VALUES ('" + label + "');"


@app.post("/bookmarks")
def add_bookmark():
    param = request.form["label"]
    num = 86
    label = "untitled" if 7 * 18 + num > 200 else param
    db = sqlite3.connect("/srv/app/bookmarks.db")
    db.executescript(build_insert(label))
    db.commit()
    return "added"
