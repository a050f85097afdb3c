# CWE-79 vuln: Starlette path parameter echoed in a Response with media_type text/html
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route


async def user_page(request):
    username = request.path_params["username"]
    html = f"<html><title>{username}</title><body><h1>{username}'s page</h1></body></html>"
    return Response(html, media_type="text/html")


app = Starlette(routes=[Route("/u/{username}", user_page)])
