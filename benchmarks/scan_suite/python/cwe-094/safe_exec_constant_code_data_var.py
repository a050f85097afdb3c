# CWE-94 safe: the exec()-ed source is a constant; the posted text is only bound as a string variable inside the namespace
from flask import Flask, request

app = Flask(__name__)
SUMMARY = "words = len(text.split())\nchars = len(text)"


@app.post("/playground/run")
def run_snippet():
    scope = {"text": request.form["code"]}
    exec(SUMMARY, {}, scope)
    return {"words": scope["words"], "chars": scope["chars"]}
