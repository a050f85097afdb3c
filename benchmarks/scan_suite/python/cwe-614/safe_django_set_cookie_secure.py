# CWE-614 safe: Django view sets the API session cookie with secure=True and httponly=True
import secrets

from django.http import JsonResponse


def api_login(request):
    token = secrets.token_urlsafe(32)
    resp = JsonResponse({"ok": True})
    resp.set_cookie("api_session", token, httponly=True, samesite="Strict", secure=True)
    return resp
