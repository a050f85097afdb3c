# CWE-501 safe: the GET currency goes into the dict under "requested"; the session reads "currency", which is the constant default
from django.http import JsonResponse


def set_locale(request):
    prefs = {}
    prefs["requested"] = request.GET.get("currency", "EUR")
    prefs["currency"] = "EUR"
    request.session["currency"] = prefs["currency"]
    return JsonResponse(prefs)
