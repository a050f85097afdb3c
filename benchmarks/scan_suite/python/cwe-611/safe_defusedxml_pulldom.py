# CWE-611 safe: the FastAPI body is streamed with defusedxml.pulldom.parseString (entities and DTD tricks refused)
from xml.dom import pulldom

from defusedxml import pulldom as safe_pulldom
from fastapi import FastAPI, Request

api = FastAPI()


@api.post("/invoices")
async def invoices(request: Request):
    events = safe_pulldom.parseString((await request.body()).decode("utf-8"))
    totals = []
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "total":
            events.expandNode(node)
            totals.append(node.firstChild.data)
    return {"totals": totals}
