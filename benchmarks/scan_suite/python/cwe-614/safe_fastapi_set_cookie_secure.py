# CWE-614 safe: FastAPI sets the access token cookie with secure=True
import secrets

from fastapi import FastAPI, Response

api = FastAPI()


@api.post("/auth")
def auth(response: Response):
    response.set_cookie(key="access_token", value=secrets.token_urlsafe(32), httponly=True, secure=True)
    return {"ok": True}
