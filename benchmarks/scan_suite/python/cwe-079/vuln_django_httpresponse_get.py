# CWE-79 vuln: Django GET parameter concatenated into an HttpResponse body (text/html)
from django.http import HttpResponse


def greet(request):
    visitor = request.GET.get("visitor", "friend")
    return HttpResponse("<div class='greeting'>Hi, " + visitor + "!</div>")
