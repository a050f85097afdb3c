# CWE-611 safe: the SOAP body is parsed by lxml with load_dtd=False, resolve_entities=False and no_network=True
from django.http import JsonResponse
from lxml import etree

SAFE_PARSER = etree.XMLParser(load_dtd=False, resolve_entities=False, no_network=True, dtd_validation=False)


def soap_endpoint(request):
    envelope = etree.fromstring(request.body, parser=SAFE_PARSER)
    ns = {"s": "http://schemas.xmlsoap.org/soap/envelope/"}
    body = envelope.find("s:Body", ns)
    return JsonResponse({"operation": body[0].tag if body is not None and len(body) else None})
