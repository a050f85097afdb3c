# CWE-501 safe: the JSON loop stores a value only when it is one of the fixed choices for that wizard key
from flask import Flask, request, session

app = Flask(__name__)
CHOICES = {
    "plan": {"free", "team", "enterprise"},
    "billing": {"monthly", "yearly"},
}


@app.post("/wizard/step")
def wizard_step():
    stored = []
    for key, value in request.get_json().items():
        if key in CHOICES and value in CHOICES[key]:
            session[key] = value
            stored.append(key)
    return {"stored": stored}
