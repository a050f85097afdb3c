# CWE-601 vuln: FastAPI query parameter used as the url of a RedirectResponse
from fastapi import FastAPI
from fastapi.responses import RedirectResponse

api = FastAPI()


@api.get("/go")
def go(url: str):
    return RedirectResponse(url=url, status_code=302)
