# CWE-89 vuln: order id from the query string concatenated into SQL run by cursor.execute
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/orders")
def get_order():
    order_id = request.args.get("id", "")
    conn = sqlite3.connect("/srv/app/shop.db")
    cur = conn.cursor()
    cur.execute("SELECT id, total, status FROM orders WHERE id = " + order_id)
    row = cur.fetchone()
    conn.close()
    return {"order": row}
