# CWE-798 safe: the "password" strings here are form field names and a label, not credentials
from flask import Flask, render_template_string, request

app = Flask(__name__)
PASSWORD_FIELD = "password"
PASSWORD_LABEL = "Password"
FORM = """
<form method="post">
  <input name="username">
  <label>{{ label }} <input type="password" name="{{ field }}"></label>
</form>
"""


@app.route("/signup", methods=["GET", "POST"])
def signup():
    if request.method == "POST":
        password = request.form[PASSWORD_FIELD]
        if len(password) < 12:
            return "too short", 400
        return "ok"
    return render_template_string(FORM, label=PASSWORD_LABEL, field=PASSWORD_FIELD)
