# CWE-327 vuln: card numbers from the form are encrypted with single DES (56-bit key, brute-forceable)
import os

from Crypto.Cipher import DES
from Crypto.Util.Padding import pad
from flask import Flask, request

app = Flask(__name__)
KEY = os.environ["CARD_KEY"].encode()[:8]


@app.post("/cards")
def store_card():
    iv = os.urandom(8)
    cipher = DES.new(KEY, DES.MODE_CBC, iv)
    blob = iv + cipher.encrypt(pad(request.form["pan"].encode(), DES.block_size))
    return {"token": blob.hex()}
