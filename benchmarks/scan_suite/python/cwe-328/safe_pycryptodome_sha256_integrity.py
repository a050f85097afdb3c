# CWE-328 safe: firmware integrity is checked against a SHA-256 digest (Crypto.Hash.SHA256)
import hmac

from Crypto.Hash import SHA256


def firmware_is_genuine(image: bytes, published_digest: str) -> bool:
    h = SHA256.new()
    h.update(image)
    return hmac.compare_digest(h.hexdigest(), published_digest)
