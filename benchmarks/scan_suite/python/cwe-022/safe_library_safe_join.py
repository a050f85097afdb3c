# CWE-22 safe: werkzeug.security.safe_join returns None for names that would leave the asset root, and that case is refused
from flask import abort, send_file
from werkzeug.security import safe_join

ASSET_ROOT = "/srv/static/assets"


def serve_asset(relative_name):
    cleaned = relative_name.strip()
    full = safe_join(ASSET_ROOT, cleaned)
    if full is None:
        abort(404)
    return send_file(full)
