# CWE-79 safe: the tags are returned through jsonify (application/json), not as HTML, so the browser never parses them as markup
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.post("/tags/preview")
def tags_preview():
    items = []
    for tag in request.form.getlist("tag"):
        items.append(tag.strip())
    return jsonify(tags=items)
