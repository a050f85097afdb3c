# CWE-611 vuln: Django request.body parsed by lxml with load_dtd=True and resolve_entities=True (external DTD and entities loaded)
from django.http import JsonResponse
from lxml import etree


def soap_endpoint(request):
    parser = etree.XMLParser(load_dtd=True, resolve_entities=True)
    envelope = etree.fromstring(request.body, parser=parser)
    ns = {"s": "http://schemas.xmlsoap.org/soap/envelope/"}
    body = envelope.find("s:Body", ns)
    return JsonResponse({"operation": body[0].tag if body is not None and len(body) else None})
