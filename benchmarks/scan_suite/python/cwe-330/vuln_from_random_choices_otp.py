# CWE-330 vuln: six-digit one-time passwords drawn with `from random import choices`
from random import choices

DIGITS = "0123456789"


def send_otp(sms_gateway, phone, store):
    otp = "".join(choices(DIGITS, k=6))
    store[phone] = otp
    sms_gateway.send(phone, f"Your login code is {otp}")
