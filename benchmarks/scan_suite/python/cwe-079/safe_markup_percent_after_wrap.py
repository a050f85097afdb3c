# CWE-79 safe: the % operator is applied to the Markup object, and Markup.__mod__ escapes the bio argument
from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/profile")
def profile():
    bio = request.args.get("bio", "")
    snippet = Markup("<p class='bio'>%s</p>") % bio
    return render_template_string("<section>{{ snippet }}</section>", snippet=snippet)
