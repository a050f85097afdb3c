# CWE-614 safe: the SimpleCookie morsel gets both the "secure" and "httponly" attributes before the header is emitted
import secrets
from http.cookies import SimpleCookie


def application(environ, start_response):
    cookie = SimpleCookie()
    cookie["sid"] = secrets.token_urlsafe(24)
    cookie["sid"]["path"] = "/"
    cookie["sid"]["httponly"] = True
    cookie["sid"]["secure"] = True
    headers = [("Content-Type", "text/plain")]
    headers.append(("Set-Cookie", cookie["sid"].OutputString()))
    start_response("200 OK", headers)
    return [b"hello"]
