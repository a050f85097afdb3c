# CWE-328 safe: download links are signed with HMAC-SHA256 and checked with compare_digest
import hashlib
import hmac
import os

SECRET = os.environ["LINK_SECRET"].encode()


def sign_path(path):
    return hmac.new(SECRET, path.encode(), hashlib.sha256).hexdigest()


def verify_path(path, signature):
    return hmac.compare_digest(sign_path(path), signature)
