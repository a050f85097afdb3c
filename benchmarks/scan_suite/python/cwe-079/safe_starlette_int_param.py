# CWE-79 safe: the Starlette route uses the :int convertor and the value is formatted as an integer, so only digits reach the HTML
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route


async def user_page(request):
    user_id = request.path_params["user_id"]
    html = "<html><body><h1>User #%d</h1></body></html>" % user_id
    return Response(html, media_type="text/html")


app = Starlette(routes=[Route("/u/{user_id:int}", user_page)])
