# CWE-89 vuln: header value stored in a dict, read back and concatenated inside try/except into exec_driver_sql
from flask import Flask, request
from sqlalchemy import create_engine

app = Flask(__name__)
engine = create_engine("sqlite:////srv/app/audit.db")


@app.route("/audit")
def audit():
    ctx = {"tenant": request.headers.get("X-Tenant", "public")}
    try:
        with engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT event, at FROM audit_log WHERE tenant = '" + ctx["tenant"] + "'"
            ).fetchall()
    except Exception:
        rows = []
    return {"events": [tuple(r) for r in rows]}
