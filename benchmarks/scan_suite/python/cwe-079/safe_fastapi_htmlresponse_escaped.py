# CWE-79 safe: the FastAPI query parameter is html.escape-d before str.format puts it into the HTMLResponse
import html

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

api = FastAPI()


@api.get("/track", response_class=HTMLResponse)
async def track(order: str):
    return HTMLResponse(content="<p>Tracking order <b>{}</b></p>".format(html.escape(order)))
