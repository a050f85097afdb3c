# CWE-327 safe: responses are protected with ChaCha20-Poly1305 (modern AEAD) instead of RC4
import os

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/secure-echo")
def secure_echo():
    key = bytes.fromhex(os.environ["ECHO_KEY_HEX"])
    nonce = os.urandom(12)
    ciphertext = ChaCha20Poly1305(key).encrypt(nonce, request.args.get("msg", "").encode(), None)
    return jsonify(data=(nonce + ciphertext).hex())
