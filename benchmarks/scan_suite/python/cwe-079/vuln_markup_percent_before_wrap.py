# CWE-79 vuln: the user bio is %-formatted into the string BEFORE Markup() wraps it, so Markup trusts the raw input
from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)


@app.route("/profile")
def profile():
    bio = request.args.get("bio", "")
    snippet = Markup("<p class='bio'>%s</p>" % bio)
    return render_template_string("<section>{{ snippet }}</section>", snippet=snippet)
