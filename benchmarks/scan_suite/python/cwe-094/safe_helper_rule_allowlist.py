# CWE-94 safe: the posted rule must be one of the shop's predefined rule strings; unknown rules are refused before eval
from django.http import HttpResponseBadRequest, JsonResponse

KNOWN_RULES = {
    "total > 100",
    "items >= 3",
    "total > 50 and items >= 2",
}


def evaluate_rule(rule, context):
    return eval(rule, {"__builtins__": {}}, context)


def check_discount(request):
    rule = request.POST["rule"]
    if rule not in KNOWN_RULES:
        return HttpResponseBadRequest("unknown rule")
    ok = evaluate_rule(rule, {"total": 120, "items": 3})
    return JsonResponse({"applies": bool(ok)})
