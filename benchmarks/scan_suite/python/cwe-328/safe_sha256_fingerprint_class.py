# CWE-328 safe: the certificate-pinning class compares SHA-256 fingerprints
import hashlib
import hmac
import ssl


class PinnedHost:
    def __init__(self, host, pinned_sha256):
        self.host = host
        self.pinned_sha256 = pinned_sha256

    def check(self):
        pem = ssl.get_server_certificate((self.host, 443))
        der = ssl.PEM_cert_to_DER_cert(pem)
        return hmac.compare_digest(hashlib.sha256(der).hexdigest(), self.pinned_sha256)
