# CWE-89 safe: psycopg2 UPDATE with %s placeholders and a parameter tuple; the driver quotes the values
import psycopg2

from flask import Flask, request

app = Flask(__name__)


@app.post("/profile/nickname")
def set_nickname():
    nickname = request.form["nickname"]
    user_id = request.form["user_id"]
    conn = psycopg2.connect(dbname="app")
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE users SET nickname = %s WHERE id = %s", (nickname, user_id))
    return "saved"
