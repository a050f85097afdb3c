# CWE-601 safe: the FastAPI redirect is issued only when the parsed https host is exactly one of the company's hosts (backslashes/controls refused)
from urllib.parse import urlparse

from fastapi import FastAPI, HTTPException
from fastapi.responses import RedirectResponse

api = FastAPI()
ALLOWED_HOSTS = {"www.example.com", "docs.example.com"}


@api.get("/go")
def go(url: str):
    if "\\" in url or any(ord(ch) < 33 for ch in url):
        raise HTTPException(status_code=400, detail="redirect target not allowed")
    parts = urlparse(url)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        raise HTTPException(status_code=400, detail="redirect target not allowed")
    return RedirectResponse(url=url, status_code=302)
