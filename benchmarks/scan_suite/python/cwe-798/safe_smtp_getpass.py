# CWE-798 safe: the SMTP password is typed by the operator via getpass; the only literal is the prompt text
import getpass
import smtplib
from email.message import EmailMessage

PASSWORD_PROMPT = "SMTP password: "


def send_alert(to_addr, text):
    msg = EmailMessage()
    msg["From"] = "alerts@example.com"
    msg["To"] = to_addr
    msg["Subject"] = "Alert"
    msg.set_content(text)
    with smtplib.SMTP("smtp.example.com", 587) as server:
        server.starttls()
        server.login("alerts@example.com", getpass.getpass(PASSWORD_PROMPT))
        server.send_message(msg)
