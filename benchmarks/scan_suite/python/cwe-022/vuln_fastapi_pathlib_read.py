# CWE-22 vuln: FastAPI path parameter (":path" converter allows slashes) appended to a pathlib base and read with read_text
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse

api = FastAPI()
TEMPLATES = Path("/opt/service/templates")


@api.get("/templates/{name:path}", response_class=PlainTextResponse)
async def get_template(name: str):
    target = TEMPLATES / name
    return target.read_text()
