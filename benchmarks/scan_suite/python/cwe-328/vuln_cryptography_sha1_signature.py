# CWE-328 vuln: invoices are signed with RSA-PSS over a SHA-1 digest (hashes.SHA1), which is collision-broken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding


def sign_invoice(private_key, invoice_bytes: bytes) -> bytes:
    return private_key.sign(
        invoice_bytes,
        padding.PSS(mgf=padding.MGF1(hashes.SHA1()), salt_length=padding.PSS.MAX_LENGTH),
        hashes.SHA1(),
    )
