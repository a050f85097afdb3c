# CWE-601 vuln: Starlette view sends the user to the "continue" query parameter, which a crafted link controls
from starlette.responses import RedirectResponse


async def back(request):
    return RedirectResponse(request.query_params.get("continue", "/"))
