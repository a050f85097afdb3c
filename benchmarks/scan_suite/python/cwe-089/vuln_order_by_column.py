# CWE-89 vuln: sort column from the query string is placed into ORDER BY (identifiers cannot be bound as parameters, and nothing checks it)
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/employees")
def employees():
    sort = request.args.get("sort", "name")
    db = sqlite3.connect("/srv/app/hr.db")
    rows = db.execute(
        "SELECT name, title, salary FROM employees WHERE active = ? ORDER BY %s" % sort, (1,)
    ).fetchall()
    return {"rows": rows}
