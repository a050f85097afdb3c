# CWE-79 vuln: FastAPI query parameter inserted into HTMLResponse content with str.format
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

api = FastAPI()


@api.get("/track", response_class=HTMLResponse)
async def track(order: str):
    return HTMLResponse(content="<p>Tracking order <b>{}</b></p>".format(order))
