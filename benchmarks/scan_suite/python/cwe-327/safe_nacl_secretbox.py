# CWE-327 safe: license blobs are encrypted with libsodium's SecretBox (XSalsa20-Poly1305) via PyNaCl
import os
import sys

import nacl.secret
import nacl.utils


def encrypt_license(text):
    key = bytes.fromhex(os.environ["LICENSE_KEY_HEX"])
    box = nacl.secret.SecretBox(key)
    return box.encrypt(text.encode(), nacl.utils.random(nacl.secret.SecretBox.NONCE_SIZE))


if __name__ == "__main__":
    sys.stdout.write(bytes(encrypt_license(sys.argv[1])).hex())
