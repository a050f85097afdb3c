# CWE-79 vuln: format_html is handed an already-interpolated f-string, so the GET value is never escaped
from django.http import HttpResponse
from django.utils.html import format_html


def last_city(request):
    city = request.GET.get("city", "Paris")
    fragment = format_html(f"<span class='city'>Your last city: {city}</span>")
    return HttpResponse(fragment)
