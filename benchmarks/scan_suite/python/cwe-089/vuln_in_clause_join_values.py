# CWE-89 vuln: JSON list of ids is quoted and ",".join-ed straight into an IN (...) clause
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.post("/tickets/close")
def close_tickets():
    ids = request.get_json()["ids"]
    quoted = []
    for ticket_id in ids:
        quoted.append("'" + str(ticket_id) + "'")
    sql = "UPDATE tickets SET status = 'closed' WHERE id IN (" + ",".join(quoted) + ")"
    db = sqlite3.connect("/srv/app/helpdesk.db")
    db.execute(sql)
    db.commit()
    return {"closed": len(ids)}
