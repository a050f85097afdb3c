# CWE-330 vuln: a token factory keeps a private random.Random() instance and uses it for signed-URL nonces
import hashlib
import hmac
import random


class SignedUrlFactory:
    def __init__(self, secret: bytes):
        self.secret = secret
        self.rng = random.Random()

    def sign(self, path: str) -> str:
        nonce = format(self.rng.getrandbits(64), "016x")
        sig = hmac.new(self.secret, f"{path}:{nonce}".encode(), hashlib.sha256).hexdigest()
        return f"{path}?nonce={nonce}&sig={sig}"
