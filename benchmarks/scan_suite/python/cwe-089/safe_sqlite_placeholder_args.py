# CWE-89 safe: same order lookup, but the id is bound through a "?" placeholder and a parameter tuple
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/orders")
def get_order():
    order_id = request.args.get("id", "")
    conn = sqlite3.connect("/srv/app/shop.db")
    cur = conn.cursor()
    cur.execute("SELECT id, total, status FROM orders WHERE id = ?", (order_id,))
    row = cur.fetchone()
    conn.close()
    return {"order": row}
