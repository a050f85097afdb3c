# CWE-328 vuln: firmware integrity is checked against an MD5 digest (Crypto.Hash.MD5), which is collision-prone
from Crypto.Hash import MD5


def firmware_is_genuine(image: bytes, published_digest: str) -> bool:
    h = MD5.new()
    h.update(image)
    return h.hexdigest() == published_digest
