# CWE-330 vuln: API keys come from random (imported as rnd).getrandbits, not from a CSPRNG
import random as rnd

from fastapi import FastAPI

api = FastAPI()
KEYS = {}


@api.post("/keys")
def create_key(owner: str):
    key = "%032x" % rnd.getrandbits(128)
    KEYS[key] = owner
    return {"api_key": key}
