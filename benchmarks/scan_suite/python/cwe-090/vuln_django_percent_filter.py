# CWE-90 vuln: Django GET department %-formatted into the filter of a python-ldap search_ext_s
import ldap
from django.http import JsonResponse


def department_members(request):
    dept = request.GET.get("dept", "")
    conn = ldap.initialize("ldap://ldap.corp.local")
    conn.simple_bind_s()
    flt = "(&(objectClass=inetOrgPerson)(departmentNumber=%s))" % dept
    entries = conn.search_ext_s("ou=staff,dc=corp,dc=local", ldap.SCOPE_ONELEVEL, flt, ["uid"])
    return JsonResponse({"members": [dn for dn, _ in entries]})
