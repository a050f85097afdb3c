# CWE-78 safe: asyncio.create_subprocess_exec passes the query values as separate argv items, and the record type is allow-listed
import asyncio

from fastapi import FastAPI, HTTPException

api = FastAPI()
RECORD_TYPES = {"A", "AAAA", "MX", "TXT", "NS"}


@api.get("/dns")
async def dig(name: str, record: str = "A"):
    if record not in RECORD_TYPES:
        raise HTTPException(status_code=400)
    proc = await asyncio.create_subprocess_exec(
        "dig", "+short", record, name, stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await proc.communicate()
    return {"answers": stdout.decode().split()}
