# CWE-328 vuln: download links are "signed" with hashlib.new("md5") over secret + path, and the signature is trusted
import hashlib
import hmac
import os

SECRET = os.environ["LINK_SECRET"]


def sign_path(path):
    return hashlib.new("md5", (SECRET + path).encode()).hexdigest()


def verify_path(path, signature):
    return hmac.compare_digest(sign_path(path), signature)
