# CWE-327 safe: card numbers are encrypted with AES-256 in GCM mode (authenticated encryption) via pycryptodome
import os

from Crypto.Cipher import AES
from flask import Flask, request

app = Flask(__name__)
KEY = bytes.fromhex(os.environ["CARD_KEY_HEX"])


@app.post("/cards")
def store_card():
    cipher = AES.new(KEY, AES.MODE_GCM)
    ciphertext, tag = cipher.encrypt_and_digest(request.form["pan"].encode())
    return {"token": (cipher.nonce + tag + ciphertext).hex()}
