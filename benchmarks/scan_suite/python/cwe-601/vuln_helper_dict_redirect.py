# CWE-601 vuln: a posted form field passes through a dict and a same-file helper that only trims it before redirect()
from flask import Flask, redirect, request

app = Flask(__name__)


def landing_url(options):
    return options["landing"].strip()


@app.post("/campaign/click")
def campaign_click():
    opts = {"landing": request.form["landing"], "campaign": "spring"}
    return redirect(landing_url(opts), code=303)
