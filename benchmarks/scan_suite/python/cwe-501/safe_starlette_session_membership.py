# CWE-501 safe: the query parameter only selects an entry of the user's server-side memberships; that entry is what is stored
import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route

MEMBERSHIPS = {"alice": {"acme": "tenant-0001", "globex": "tenant-0002"}}


async def pick_tenant(request):
    user = request.session.get("user", "")
    tenant_id = MEMBERSHIPS.get(user, {}).get(request.query_params.get("tenant", ""))
    if tenant_id is None:
        return JSONResponse({"error": "not a member"}, status_code=403)
    request.session["tenant"] = tenant_id
    return JSONResponse({"tenant": tenant_id})


app = Starlette(
    routes=[Route("/tenant", pick_tenant)],
    middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"])],
)
