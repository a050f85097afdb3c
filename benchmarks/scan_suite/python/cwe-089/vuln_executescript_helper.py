# CWE-89 vuln: a same-file helper builds an INSERT from the label and executescript runs it (stacked statements allowed)
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def build_insert(label):
    return "INSERT INTO bookmarks(label) VALUES ('" + label + "');"


@app.post("/bookmarks")
def add_bookmark():
    db = sqlite3.connect("/srv/app/bookmarks.db")
    db.executescript(build_insert(request.form["label"]))
    db.commit()
    return "added"
