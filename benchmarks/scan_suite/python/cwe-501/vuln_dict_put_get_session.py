# CWE-501 vuln: the GET value is put in a dict and read back under the same key into request.session
from django.http import JsonResponse


def set_locale(request):
    prefs = {}
    prefs["currency"] = request.GET.get("currency", "EUR")
    prefs["source"] = "query"
    request.session["currency"] = prefs["currency"]
    return JsonResponse(prefs)
