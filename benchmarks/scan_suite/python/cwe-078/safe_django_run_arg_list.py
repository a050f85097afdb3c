# CWE-78 safe: the domain is passed as its own argv element to subprocess.run without a shell, so metacharacters are inert
import subprocess

from django.http import HttpResponse


def lookup(request):
    domain = request.GET.get("domain", "example.org")
    result = subprocess.run(["nslookup", domain], capture_output=True, text=True)
    return HttpResponse(result.stdout, content_type="text/plain")
