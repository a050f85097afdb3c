# CWE-328 vuln: webhook bodies are authenticated by comparing a plain SHA-1 of (secret + body), weak and length-extendable
import hashlib
import hmac
import os

from fastapi import FastAPI, Header, HTTPException, Request

api = FastAPI()
SECRET = os.environ["WEBHOOK_SECRET"].encode()


@api.post("/webhook")
async def webhook(request: Request, x_signature: str = Header()):
    body = await request.body()
    expected = hashlib.sha1(SECRET + body).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(status_code=403)
    return {"ok": True}
