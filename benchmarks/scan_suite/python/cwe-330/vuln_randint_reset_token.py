# CWE-330 vuln: password-reset token built from random.randint (Mersenne Twister, predictable after 624 outputs)
import random

from flask import Flask, request

app = Flask(__name__)
RESET_TOKENS = {}


@app.post("/password/forgot")
def forgot():
    token = "".join(str(random.randint(0, 9)) for _ in range(8))
    RESET_TOKENS[token] = request.form["email"]
    return {"sent": True}
