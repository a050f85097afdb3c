# CWE-601 safe: the Starlette view redirects to request.url_for("home"), a route of the same application
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.routing import Route


async def home(request):
    return PlainTextResponse("home")


async def back(request):
    return RedirectResponse(request.url_for("home"))


app = Starlette(routes=[Route("/", home, name="home"), Route("/back", back)])
