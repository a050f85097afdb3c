# CWE-601 safe: the destination's parsed hostname must equal the trusted host or be its subdomain (suffix ".example.com"); backslashes and control characters are refused
from urllib.parse import urlparse

from django.shortcuts import redirect

TRUSTED = "example.com"


def sso_callback(request):
    dest = request.POST.get("dest", "/")
    if "\\" in dest or any(ord(ch) < 33 for ch in dest):
        return redirect("/")
    host = urlparse(dest).hostname or ""
    if urlparse(dest).scheme == "https" and (host == TRUSTED or host.endswith("." + TRUSTED)):
        return redirect(dest)
    return redirect("/")
