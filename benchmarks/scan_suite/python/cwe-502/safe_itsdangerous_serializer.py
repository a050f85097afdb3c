# CWE-502 safe: the game save is an itsdangerous signed JSON token; loads verifies the signature and parses JSON only
import os

from flask import Flask, request
from itsdangerous import BadSignature, URLSafeSerializer

app = Flask(__name__)
serializer = URLSafeSerializer(os.environ["SAVE_SECRET"], salt="game-save")


@app.post("/game/load")
def load_game():
    try:
        state = serializer.loads(request.form["save"])
    except BadSignature:
        return {"error": "bad save"}, 400
    return {"level": state.get("level", 1)}
