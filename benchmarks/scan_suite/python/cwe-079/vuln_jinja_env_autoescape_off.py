# CWE-79 vuln: a jinja2 Environment created with autoescape=False renders the posted form title into HTML
from flask import Flask, request
from jinja2 import Environment

app = Flask(__name__)
env = Environment(autoescape=False)
CARD = env.from_string("<div class='card'><h4>{{ title }}</h4></div>")


@app.post("/cards/render")
def render_card():
    return CARD.render(title=request.form["title"])
