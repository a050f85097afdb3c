# CWE-330 safe: the signed-URL factory draws its nonces from secrets.token_hex instead of a random.Random instance
import hashlib
import hmac
import secrets


class SignedUrlFactory:
    def __init__(self, secret: bytes):
        self.secret = secret

    def sign(self, path: str) -> str:
        nonce = secrets.token_hex(8)
        sig = hmac.new(self.secret, f"{path}:{nonce}".encode(), hashlib.sha256).hexdigest()
        return f"{path}?nonce={nonce}&sig={sig}"
