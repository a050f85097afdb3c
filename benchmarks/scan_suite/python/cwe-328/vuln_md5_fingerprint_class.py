# CWE-328 vuln: a certificate-pinning class compares MD5 fingerprints of the server certificate
import hashlib
import ssl


class PinnedHost:
    def __init__(self, host, pinned_md5):
        self.host = host
        self.pinned_md5 = pinned_md5

    def check(self):
        pem = ssl.get_server_certificate((self.host, 443))
        der = ssl.PEM_cert_to_DER_cert(pem)
        return hashlib.md5(der).hexdigest() == self.pinned_md5
