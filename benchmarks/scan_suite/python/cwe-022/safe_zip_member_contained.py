# CWE-22 safe: each zip member is resolved with realpath and skipped unless it stays under the themes folder
import os
import zipfile

from flask import Flask, abort, request

app = Flask(__name__)
THEMES = os.path.realpath("/srv/app/themes")


@app.post("/themes/import")
def import_theme():
    upload = request.files["bundle"]
    with zipfile.ZipFile(upload.stream) as bundle:
        for member in bundle.namelist():
            if member.endswith("/"):
                continue
            out_path = os.path.realpath(os.path.join(THEMES, member))
            if os.path.commonpath([THEMES, out_path]) != THEMES:
                abort(400, "archive member escapes the theme folder")
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with open(out_path, "wb") as out:
                out.write(bundle.read(member))
    return "imported"
