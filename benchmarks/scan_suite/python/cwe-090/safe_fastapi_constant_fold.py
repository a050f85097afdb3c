# CWE-90 safe: 7 * 18 + 86 = 212 > 200 so the literal owner is joined into the filter and the query parameter is unused
from fastapi import FastAPI
from ldap3 import Connection, Server

api = FastAPI()
SERVER = Server("ldap://ldap.internal")


@api.get("/hosts")
def hosts(owner: str):
    num = 86
    who = "ops-team" if 7 * 18 + num > 200 else owner
    search_filter = "".join(["(&(objectClass=device)(owner=", who, "))"])
    with Connection(SERVER, auto_bind=True) as conn:
        conn.search("ou=hosts,dc=internal", search_filter, attributes=["cn"])
        return {"hosts": [str(e.cn) for e in conn.entries]}
