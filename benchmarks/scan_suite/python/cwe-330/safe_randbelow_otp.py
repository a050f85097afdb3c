# CWE-330 safe: six-digit one-time passwords drawn with secrets.randbelow
import secrets


def send_otp(sms_gateway, phone, store):
    otp = f"{secrets.randbelow(10**6):06d}"
    store[phone] = otp
    sms_gateway.send(phone, f"Your login code is {otp}")
