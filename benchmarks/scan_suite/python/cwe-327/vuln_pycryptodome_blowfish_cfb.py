# CWE-327 vuln: pycryptodome Blowfish in CFB mode protects cookies issued by a Django view
import base64
import os

from Crypto.Cipher import Blowfish
from django.http import HttpResponse


def remember_me(request):
    key = os.environ["REMEMBER_KEY"].encode()
    cipher = Blowfish.new(key, Blowfish.MODE_CFB)
    token = cipher.iv + cipher.encrypt(request.POST["username"].encode())
    resp = HttpResponse("ok")
    resp.set_cookie("remember", base64.urlsafe_b64encode(token).decode(), secure=True, httponly=True)
    return resp
