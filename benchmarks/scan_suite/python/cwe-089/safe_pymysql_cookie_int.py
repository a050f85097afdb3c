# CWE-89 safe: the decoded cookie is converted with int() before it is concatenated, so only a number reaches the DELETE
import base64

import pymysql
from flask import Flask, abort, request

app = Flask(__name__)


@app.post("/cart/clear")
def clear_cart():
    try:
        cart = int(base64.b64decode(request.cookies["cart"]).decode())
    except ValueError:
        abort(400)
    conn = pymysql.connect(host="db", user="shop", database="shop")
    with conn.cursor() as cur:
        cur.execute("DELETE FROM cart_items WHERE cart_id = " + str(cart))
    conn.commit()
    return "cleared"
