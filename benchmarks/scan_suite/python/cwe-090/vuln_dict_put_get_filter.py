# CWE-90 vuln: Django POST value stored in a dict and read back under the same key into a python-ldap filter
import ldap
from django.http import JsonResponse


def phone_lookup(request):
    criteria = {}
    criteria["sn"] = request.POST.get("surname", "")
    criteria["limit"] = 20
    conn = ldap.initialize("ldap://ldap.corp.local")
    res = conn.search_s(
        "ou=staff,dc=corp,dc=local",
        ldap.SCOPE_SUBTREE,
        "(sn=%s)" % criteria["sn"],
        ["telephoneNumber"],
    )
    return JsonResponse({"phones": [a for _, a in res[: criteria["limit"]]]}, safe=False)
