# CWE-327 vuln: license blobs are encrypted with pyDes single DES (56-bit key) in CBC mode
import os
import sys

import pyDes


def encrypt_license(text):
    key = bytes.fromhex(os.environ["LICENSE_KEY_HEX"])[:8]
    k = pyDes.des(key, pyDes.CBC, os.urandom(8), pad=None, padmode=pyDes.PAD_PKCS5)
    return k.getIV() + k.encrypt(text.encode())


if __name__ == "__main__":
    sys.stdout.write(encrypt_license(sys.argv[1]).hex())
