# CWE-614 vuln: a WSGI app builds the session cookie with http.cookies.SimpleCookie and sets httponly but never "secure"
import secrets
from http.cookies import SimpleCookie


def application(environ, start_response):
    cookie = SimpleCookie()
    cookie["sid"] = secrets.token_urlsafe(24)
    cookie["sid"]["path"] = "/"
    cookie["sid"]["httponly"] = True
    headers = [("Content-Type", "text/plain")]
    headers.append(("Set-Cookie", cookie["sid"].OutputString()))
    start_response("200 OK", headers)
    return [b"hello"]
