# CWE-22 safe: the pathlib target is resolved and refused with 404 unless is_relative_to(the resolved template root)
from pathlib import Path

from fastapi import FastAPI, HTTPException
from fastapi.responses import PlainTextResponse

api = FastAPI()
TEMPLATES = Path("/opt/service/templates").resolve()


@api.get("/templates/{name:path}", response_class=PlainTextResponse)
async def get_template(name: str):
    target = (TEMPLATES / name).resolve()
    if not target.is_relative_to(TEMPLATES):
        raise HTTPException(status_code=404)
    return target.read_text()
