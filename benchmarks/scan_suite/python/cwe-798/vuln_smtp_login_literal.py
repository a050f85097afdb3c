# CWE-798 vuln: the SMTP relay login uses a password literal inline in server.login
import smtplib
from email.message import EmailMessage


def send_alert(to_addr, text):
    msg = EmailMessage()
    msg["From"] = "alerts@example.com"
    msg["To"] = to_addr
    msg["Subject"] = "Alert"
    msg.set_content(text)
    with smtplib.SMTP("smtp.example.com", 587) as server:
        server.starttls()
        server.login("alerts@example.com", "mailRelay#5512")
        server.send_message(msg)
