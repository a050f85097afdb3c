# CWE-90 safe: the POST surname is stored under "requested" while the filter reads "sn", which holds a constant
import ldap
from django.http import JsonResponse


def phone_lookup(request):
    criteria = {}
    criteria["requested"] = request.POST.get("surname", "")
    criteria["sn"] = "Reception"
    criteria["limit"] = 20
    conn = ldap.initialize("ldap://ldap.corp.local")
    res = conn.search_s(
        "ou=staff,dc=corp,dc=local",
        ldap.SCOPE_SUBTREE,
        "(sn=%s)" % criteria["sn"],
        ["telephoneNumber"],
    )
    return JsonResponse({"phones": [a for _, a in res[: criteria["limit"]]]}, safe=False)
