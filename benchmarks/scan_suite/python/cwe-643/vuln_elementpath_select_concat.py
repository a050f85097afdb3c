# CWE-643 vuln: elementpath.select evaluates an XPath 2.0 expression built by concatenating the POSTed invoice id
import xml.etree.ElementTree as ET

import elementpath
from django.http import JsonResponse

LEDGER = ET.parse("/srv/finance/ledger.xml").getroot()


def invoice_total(request):
    invoice = request.POST["invoice"]
    values = elementpath.select(LEDGER, "sum(//invoice[@id='" + invoice + "']/line/@amount)")
    return JsonResponse({"total": float(values)})
