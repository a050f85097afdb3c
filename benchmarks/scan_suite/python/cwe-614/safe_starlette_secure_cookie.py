# CWE-614 safe: Starlette refresh-token cookie is set with secure=True, httponly and samesite="strict"
import secrets

from starlette.responses import JSONResponse


async def refresh(request):
    resp = JSONResponse({"ok": True})
    resp.set_cookie(
        "refresh_token", secrets.token_urlsafe(48), httponly=True, samesite="strict", path="/auth", secure=True
    )
    return resp
