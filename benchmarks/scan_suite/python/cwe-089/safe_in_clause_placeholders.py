# CWE-89 safe: ",".join builds only "?" placeholders for the IN list; the ids themselves are passed as parameters
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.post("/tickets/close")
def close_tickets():
    ids = request.get_json()["ids"]
    marks = ",".join("?" for _ in ids)
    sql = "UPDATE tickets SET status = 'closed' WHERE id IN (" + marks + ")"
    db = sqlite3.connect("/srv/app/helpdesk.db")
    db.execute(sql, list(ids))
    db.commit()
    return {"closed": len(ids)}
