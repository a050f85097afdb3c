# CWE-601 safe: the username only fills the path after a fixed "/profile/" prefix (percent-encoded), so the target stays on this site
from urllib.parse import quote

from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/me")
def me():
    username = request.args.get("u", "")
    return redirect("/profile/" + quote(username, safe=""))
