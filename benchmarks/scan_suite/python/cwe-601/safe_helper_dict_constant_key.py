# CWE-601 safe: the posted landing URL is stored under "requested"; the helper reads "landing", which holds a constant path
from flask import Flask, redirect, request

app = Flask(__name__)


def landing_url(options):
    return options["landing"].strip()


@app.post("/campaign/click")
def campaign_click():
    opts = {"requested": request.form["landing"], "landing": "/spring-sale", "campaign": "spring"}
    return redirect(landing_url(opts), code=303)
