# CWE-614 vuln: FastAPI Response.set_cookie defaults to secure=False; the access token cookie is set without it
import secrets

from fastapi import FastAPI, Response

api = FastAPI()


@api.post("/auth")
def auth(response: Response):
    response.set_cookie(key="access_token", value=secrets.token_urlsafe(32), httponly=True)
    return {"ok": True}
