# CWE-611 vuln (stdlib parser rule): xml.dom.minidom.parseString on a Django POST field; bandit B318 flags stdlib parsing of untrusted XML
from xml.dom.minidom import parseString

from django.http import JsonResponse


def svg_info(request):
    doc = parseString(request.POST["svg"])
    svg = doc.documentElement
    return JsonResponse({"width": svg.getAttribute("width"), "height": svg.getAttribute("height")})
