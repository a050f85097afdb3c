# CWE-614 safe: werkzeug's dump_cookie builds the Set-Cookie value with secure=True for a plain WSGI app
import secrets

from werkzeug.http import dump_cookie


def application(environ, start_response):
    header = dump_cookie("sid", secrets.token_urlsafe(24), httponly=True, secure=True, samesite="Lax")
    start_response("200 OK", [("Content-Type", "text/plain"), ("Set-Cookie", header)])
    return [b"hello"]
