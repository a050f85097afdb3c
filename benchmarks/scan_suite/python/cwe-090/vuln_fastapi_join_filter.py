# CWE-90 vuln: FastAPI query parameter spliced into the ldap3 filter with "".join
from fastapi import FastAPI
from ldap3 import Connection, Server

api = FastAPI()
SERVER = Server("ldap://ldap.internal")


@api.get("/hosts")
def hosts(owner: str):
    search_filter = "".join(["(&(objectClass=device)(owner=", owner, "))"])
    with Connection(SERVER, auto_bind=True) as conn:
        conn.search("ou=hosts,dc=internal", search_filter, attributes=["cn"])
        return {"hosts": [str(e.cn) for e in conn.entries]}
