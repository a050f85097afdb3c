# CWE-643 safe: elementpath.select gets a constant expression and the POSTed invoice id through variables={"inv": ...}
import xml.etree.ElementTree as ET

import elementpath
from django.http import JsonResponse

LEDGER = ET.parse("/srv/finance/ledger.xml").getroot()


def invoice_total(request):
    invoice = request.POST["invoice"]
    values = elementpath.select(LEDGER, "sum(//invoice[@id=$inv]/line/@amount)", variables={"inv": invoice})
    return JsonResponse({"total": float(values)})
