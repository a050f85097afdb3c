# CWE-327 safe: the remember-me cookie is sealed with AES-SIV (misuse-resistant AEAD) from the cryptography package
import base64
import os

from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.http import HttpResponse


def remember_me(request):
    key = bytes.fromhex(os.environ["REMEMBER_KEY_HEX"])
    token = AESSIV(key).encrypt(request.POST["username"].encode(), [b"remember-me"])
    resp = HttpResponse("ok")
    resp.set_cookie("remember", base64.urlsafe_b64encode(token).decode(), secure=True, httponly=True)
    return resp
