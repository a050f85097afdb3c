# CWE-90 safe: ldap.filter.filter_format escapes each assertion value it substitutes into the template
import ldap
from django.http import JsonResponse
from ldap.filter import filter_format


def department_members(request):
    dept = request.GET.get("dept", "")
    conn = ldap.initialize("ldap://ldap.corp.local")
    conn.simple_bind_s()
    flt = filter_format("(&(objectClass=inetOrgPerson)(departmentNumber=%s))", [dept])
    entries = conn.search_ext_s("ou=staff,dc=corp,dc=local", ldap.SCOPE_ONELEVEL, flt, ["uid"])
    return JsonResponse({"members": [dn for dn, _ in entries]})
