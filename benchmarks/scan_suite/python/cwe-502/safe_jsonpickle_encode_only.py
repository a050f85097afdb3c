# CWE-502 safe: jsonpickle is used only to encode the server's own object for a debug dump; nothing is decoded
import jsonpickle
from flask import Flask

app = Flask(__name__)


class GameState:
    def __init__(self):
        self.level = 3
        self.inventory = ["sword", "map"]


@app.route("/game/debug")
def debug_state():
    return jsonpickle.encode(GameState(), unpicklable=False)
