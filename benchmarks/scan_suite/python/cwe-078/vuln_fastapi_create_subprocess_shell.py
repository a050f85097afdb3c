# CWE-78 vuln: FastAPI query parameter inserted into a command for asyncio.create_subprocess_shell
import asyncio

from fastapi import FastAPI

api = FastAPI()


@api.get("/dns")
async def dig(name: str, record: str = "A"):
    proc = await asyncio.create_subprocess_shell(
        f"dig +short {record} {name}", stdout=asyncio.subprocess.PIPE
    )
    stdout, _ = await proc.communicate()
    return {"answers": stdout.decode().split()}
