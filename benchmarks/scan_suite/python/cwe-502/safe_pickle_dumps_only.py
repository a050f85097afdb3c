# CWE-502 safe: the view only serialises (pickle.dumps) its own data into a server-side file; nothing untrusted is loaded
import pickle

from flask import Flask, request

app = Flask(__name__)


@app.post("/snapshot")
def snapshot():
    state = {"user": request.form.get("user", ""), "items": request.form.getlist("item")}
    with open("/var/lib/app/snapshot.pkl", "wb") as fh:
        pickle.dump(state, fh)
    return {"saved": len(pickle.dumps(state))}
