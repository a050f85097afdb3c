# CWE-611 safe: the same-file helper returns an lxml parser with resolve_entities=False and no_network=True for the SOAP body
from lxml import etree
from starlette.responses import PlainTextResponse


def make_parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


async def soap(request):
    body = await request.body()
    doc = etree.fromstring(body, make_parser())
    return PlainTextResponse(doc.findtext(".//{*}Ticket") or "")
