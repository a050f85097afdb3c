# CWE-89 vuln: QuerySet.extra(where=...) gets an f-string condition built from a GET parameter
from django.http import JsonResponse

from shop.models import Product


def cheaper_than(request):
    limit = request.GET["max_price"]
    qs = Product.objects.extra(where=[f"price < {limit}"])
    return JsonResponse({"products": list(qs.values("id", "name"))})
