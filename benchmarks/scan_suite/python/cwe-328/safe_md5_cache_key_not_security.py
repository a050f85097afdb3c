# CWE-328 safe: MD5 with usedforsecurity=False only shortens the rendered-page cache key; no security decision depends on it
import hashlib

from flask import Flask, request

app = Flask(__name__)
CACHE = {}


def render_page(path, lang):
    return f"<p>{path} in {lang}</p>"


@app.route("/<path:path>")
def cached_page(path):
    lang = request.args.get("lang", "en")
    key = hashlib.md5(f"{path}|{lang}".encode(), usedforsecurity=False).hexdigest()
    if key not in CACHE:
        CACHE[key] = render_page(path, lang)
    return CACHE[key]
