# CWE-79 safe: django.utils.html.escape is applied to the GET value before it is concatenated into the HttpResponse
from django.http import HttpResponse
from django.utils.html import escape


def greet(request):
    visitor = request.GET.get("visitor", "friend")
    return HttpResponse("<div class='greeting'>Hi, " + escape(visitor) + "!</div>")
