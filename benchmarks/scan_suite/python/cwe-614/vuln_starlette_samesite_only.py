# CWE-614 vuln: Starlette response sets the refresh-token cookie with samesite="strict" and httponly but secure left False
import secrets

from starlette.responses import JSONResponse


async def refresh(request):
    resp = JSONResponse({"ok": True})
    resp.set_cookie("refresh_token", secrets.token_urlsafe(48), httponly=True, samesite="strict", path="/auth")
    return resp
