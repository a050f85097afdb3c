# CWE-79 safe: the jinja2 Environment is created with autoescape=True, so the posted form title is escaped on render
from flask import Flask, request
from jinja2 import Environment

app = Flask(__name__)
env = Environment(autoescape=True)
CARD = env.from_string("<div class='card'><h4>{{ title }}</h4></div>")


@app.post("/cards/render")
def render_card():
    return CARD.render(title=request.form["title"])
