# CWE-89 vuln: form field put into an UPDATE with str.format and executed by psycopg2
import psycopg2

from flask import Flask, request

app = Flask(__name__)


@app.post("/profile/nickname")
def set_nickname():
    nickname = request.form["nickname"]
    user_id = request.form["user_id"]
    conn = psycopg2.connect(dbname="app")
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE users SET nickname = '{}' WHERE id = {}".format(nickname, user_id))
    return "saved"
