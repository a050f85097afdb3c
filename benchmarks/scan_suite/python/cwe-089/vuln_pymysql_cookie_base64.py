# CWE-89 vuln: base64-decoded cookie (decoding does not sanitise) concatenated into a pymysql DELETE
import base64

import pymysql
from flask import Flask, request

app = Flask(__name__)


@app.post("/cart/clear")
def clear_cart():
    cart = base64.b64decode(request.cookies["cart"]).decode()
    conn = pymysql.connect(host="db", user="shop", database="shop")
    with conn.cursor() as cur:
        cur.execute("DELETE FROM cart_items WHERE cart_id = '" + cart + "'")
    conn.commit()
    return "cleared"
