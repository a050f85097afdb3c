# CWE-22 vuln: library helper takes a caller-supplied relative name and serves it with send_file after only stripping whitespace
import os

from flask import send_file

ASSET_ROOT = "/srv/static/assets"


def serve_asset(relative_name):
    cleaned = relative_name.strip()
    return send_file(os.path.join(ASSET_ROOT, cleaned))
