# CWE-601 vuln: the allow check is a substring test, so https://example.com.evil.io or https://evil.io/?example.com pass
from django.shortcuts import redirect

TRUSTED = "example.com"


def sso_callback(request):
    dest = request.POST.get("dest", "/")
    if TRUSTED in dest:
        return redirect(dest)
    return redirect("/")
