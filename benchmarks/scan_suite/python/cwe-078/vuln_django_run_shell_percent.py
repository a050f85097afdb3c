# CWE-78 vuln: Django GET value %-formatted into a command string executed with subprocess.run(shell=True)
import subprocess

from django.http import HttpResponse


def lookup(request):
    domain = request.GET.get("domain", "example.org")
    result = subprocess.run("nslookup %s" % domain, shell=True, capture_output=True, text=True)
    return HttpResponse(result.stdout, content_type="text/plain")
