# CWE-328 safe: webhook bodies are verified with HMAC-SHA256 and compare_digest
import hashlib
import hmac
import os

from fastapi import FastAPI, Header, HTTPException, Request

api = FastAPI()
SECRET = os.environ["WEBHOOK_SECRET"].encode()


@api.post("/webhook")
async def webhook(request: Request, x_signature: str = Header()):
    body = await request.body()
    expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise HTTPException(status_code=403)
    return {"ok": True}
