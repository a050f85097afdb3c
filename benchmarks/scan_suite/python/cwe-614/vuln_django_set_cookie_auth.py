# CWE-614 vuln: Django view sets the API session cookie with httponly=True but without secure=True
import secrets

from django.http import JsonResponse


def api_login(request):
    token = secrets.token_urlsafe(32)
    resp = JsonResponse({"ok": True})
    resp.set_cookie("api_session", token, httponly=True, samesite="Strict")
    return resp
