# CWE-89 safe: the header is stored under "requested" but the query reads "tenant", which holds the literal "public"
from flask import Flask, request
from sqlalchemy import create_engine

app = Flask(__name__)
engine = create_engine("sqlite:////srv/app/audit.db")


@app.route("/audit")
def audit():
    ctx = {"requested": request.headers.get("X-Tenant", "public"), "tenant": "public"}
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT event, at FROM audit_log WHERE tenant = '" + ctx["tenant"] + "'"
            ).fetchall()
    except Exception:
        rows = []
    return {"events": [tuple(r) for r in rows]}
