# CWE-501 vuln: Starlette SessionMiddleware session receives the tenant id straight from the query string
import os

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import JSONResponse
from starlette.routing import Route


async def pick_tenant(request):
    request.session["tenant"] = request.query_params["tenant"]
    return JSONResponse({"tenant": request.session["tenant"]})


app = Starlette(
    routes=[Route("/tenant", pick_tenant)],
    middleware=[Middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"])],
)
