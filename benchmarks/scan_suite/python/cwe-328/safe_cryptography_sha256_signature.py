# CWE-328 safe: invoices are signed with RSA-PSS over SHA-256
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding


def sign_invoice(private_key, invoice_bytes: bytes) -> bytes:
    return private_key.sign(
        invoice_bytes,
        padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH),
        hashes.SHA256(),
    )
