# CWE-643 safe: the SKU must fully match [A-Z0-9-]{3,20} (no quotes or brackets) or the view returns 400 before the XPath is built
import re

from django.http import HttpResponseBadRequest, JsonResponse
from lxml import etree

DOC = etree.parse("/srv/config/products.xml")
SKU_RE = re.compile(r"[A-Z0-9-]{3,20}")


def product_price(request):
    sku = request.GET.get("sku", "")
    if not SKU_RE.fullmatch(sku):
        return HttpResponseBadRequest("bad sku")
    nodes = DOC.xpath("/catalog/product[@sku='{}']/price".format(sku))
    return JsonResponse({"price": nodes[0].text if nodes else None})
