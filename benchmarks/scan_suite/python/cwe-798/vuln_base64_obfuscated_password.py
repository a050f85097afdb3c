# CWE-798 vuln: the Redis password is stored base64-encoded in the code and decoded at runtime (obfuscation, still hard-coded)
import base64

import redis

_ENCODED = "UjNkaXMtQ2FjaGUtUGFzcyE="


def cache_client():
    password = base64.b64decode(_ENCODED).decode("utf-8")
    return redis.Redis(host="cache.internal", port=6379, password=password)
