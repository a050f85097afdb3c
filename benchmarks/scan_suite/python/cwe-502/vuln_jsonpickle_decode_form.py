# CWE-502 vuln: jsonpickle.decode on a form field; py/reduce and py/object tags instantiate arbitrary classes
import jsonpickle
from flask import Flask, request

app = Flask(__name__)


@app.post("/game/load")
def load_game():
    state = jsonpickle.decode(request.form["save"])
    return {"level": getattr(state, "level", 1)}
