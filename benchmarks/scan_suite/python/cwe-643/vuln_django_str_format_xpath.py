# CWE-643 vuln: Django GET value placed into an XPath with str.format and evaluated on an lxml tree
from django.http import JsonResponse
from lxml import etree

DOC = etree.parse("/srv/config/products.xml")


def product_price(request):
    sku = request.GET.get("sku", "")
    nodes = DOC.xpath("/catalog/product[@sku='{}']/price".format(sku))
    return JsonResponse({"price": nodes[0].text if nodes else None})
