# CWE-79 vuln: each submitted tag is appended as an <li> built by %-format inside a loop and the list is returned as HTML
from flask import Flask, request

app = Flask(__name__)


@app.post("/tags/preview")
def tags_preview():
    items = []
    for tag in request.form.getlist("tag"):
        items.append("<li>%s</li>" % tag)
    return "<ul>" + "\n".join(items) + "</ul>"
