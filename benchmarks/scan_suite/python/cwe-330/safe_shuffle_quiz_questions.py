# CWE-330 safe: random.shuffle only changes the order of practice quiz questions shown to a student
import random

from flask import Flask, jsonify

app = Flask(__name__)
QUESTIONS = [
    {"q": "2 + 2", "a": "4"},
    {"q": "Capital of France", "a": "Paris"},
    {"q": "H2O is", "a": "water"},
]


@app.route("/practice")
def practice():
    order = list(QUESTIONS)
    random.shuffle(order)
    return jsonify([item["q"] for item in order])
