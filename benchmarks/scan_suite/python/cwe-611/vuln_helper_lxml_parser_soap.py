# CWE-611 vuln: a same-file helper returns an lxml parser with resolve_entities=True and network access, used on a SOAP body
from lxml import etree
from starlette.responses import PlainTextResponse


def make_parser():
    return etree.XMLParser(resolve_entities=True, no_network=False, huge_tree=True)


async def soap(request):
    body = await request.body()
    doc = etree.fromstring(body, make_parser())
    return PlainTextResponse(doc.findtext(".//{*}Ticket") or "")
