# CWE-611 vuln: pulldom.parseString is given a sax parser with feature_external_ges=True for a FastAPI request body
import xml.sax
from xml.dom import pulldom
from xml.sax.handler import feature_external_ges

from fastapi import FastAPI, Request

api = FastAPI()


@api.post("/invoices")
async def invoices(request: Request):
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    events = pulldom.parseString((await request.body()).decode("utf-8"), parser=parser)
    totals = []
    for event, node in events:
        if event == pulldom.START_ELEMENT and node.tagName == "total":
            events.expandNode(node)
            totals.append(node.firstChild.data)
    return {"totals": totals}
