# CWE-94 vuln: a helper evaluates the posted rule with __builtins__ emptied, which is not a sandbox (().__class__.__base__ escapes)
from django.http import JsonResponse


def evaluate_rule(rule, context):
    return eval(rule, {"__builtins__": {}}, context)


def check_discount(request):
    rule = request.POST["rule"]
    ok = evaluate_rule(rule, {"total": 120, "items": 3})
    return JsonResponse({"applies": bool(ok)})
