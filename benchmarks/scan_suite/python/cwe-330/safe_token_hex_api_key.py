# CWE-330 safe: API keys come from secrets.token_hex(16)
import secrets

from fastapi import FastAPI

api = FastAPI()
KEYS = {}


@api.post("/keys")
def create_key(owner: str):
    key = secrets.token_hex(16)
    KEYS[key] = owner
    return {"api_key": key}
