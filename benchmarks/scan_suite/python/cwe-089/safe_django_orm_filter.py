# CWE-89 safe: the price limit goes through the ORM filter (price__lt), which generates a parameterised query
from django.http import JsonResponse

from shop.models import Product


def cheaper_than(request):
    limit = request.GET["max_price"]
    qs = Product.objects.filter(price__lt=limit)
    return JsonResponse({"products": list(qs.values("id", "name"))})
