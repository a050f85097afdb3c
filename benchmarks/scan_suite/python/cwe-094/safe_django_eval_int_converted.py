# CWE-94 safe: both GET values go through int() first, so the f-string passed to eval can only be "<int> + <int>"
from django.http import HttpResponseBadRequest, JsonResponse


def add(request):
    try:
        a = int(request.GET.get("a", "0"))
        b = int(request.GET.get("b", "0"))
    except ValueError:
        return HttpResponseBadRequest("integers only")
    total = eval(f"{a} + {b}")
    return JsonResponse({"total": total})
