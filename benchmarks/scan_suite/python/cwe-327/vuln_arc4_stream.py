# CWE-327 vuln: RC4 (ARC4) stream cipher, with known keystream biases, protects API responses
import os

from Crypto.Cipher import ARC4
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/secure-echo")
def secure_echo():
    key = os.environ["ECHO_KEY"].encode()
    cipher = ARC4.new(key)
    ciphertext = cipher.encrypt(request.args.get("msg", "").encode())
    return jsonify(data=ciphertext.hex())
