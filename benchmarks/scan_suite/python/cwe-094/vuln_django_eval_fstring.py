# CWE-94 vuln: two Django GET values are interpolated into an f-string expression passed to eval
from django.http import JsonResponse


def add(request):
    a = request.GET.get("a", "0")
    b = request.GET.get("b", "0")
    total = eval(f"{a} + {b}")
    return JsonResponse({"total": total})
