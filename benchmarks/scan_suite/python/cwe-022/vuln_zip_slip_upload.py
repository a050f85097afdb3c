# CWE-22 vuln: member names of an uploaded zip are joined onto the target folder and written without a containment check (zip slip)
import os
import zipfile

from flask import Flask, request

app = Flask(__name__)
THEMES = "/srv/app/themes"


@app.post("/themes/import")
def import_theme():
    upload = request.files["bundle"]
    with zipfile.ZipFile(upload.stream) as bundle:
        for member in bundle.namelist():
            if member.endswith("/"):
                continue
            out_path = os.path.join(THEMES, member)
            os.makedirs(os.path.dirname(out_path), exist_ok=True)
            with open(out_path, "wb") as out:
                out.write(bundle.read(member))
    return "imported"
