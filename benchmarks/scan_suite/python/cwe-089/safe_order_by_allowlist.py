# CWE-89 safe: the sort column must be in a fixed allow-list; anything else returns 400 before the ORDER BY is built
import sqlite3

from flask import Flask, request

app = Flask(__name__)
SORTABLE = ("name", "title", "salary")


@app.route("/employees")
def employees():
    sort = request.args.get("sort", "name")
    if sort not in SORTABLE:
        return {"error": "bad sort column"}, 400
    db = sqlite3.connect("/srv/app/hr.db")
    rows = db.execute(
        "SELECT name, title, salary FROM employees WHERE active = ? ORDER BY %s" % sort, (1,)
    ).fetchall()
    return {"rows": rows}
