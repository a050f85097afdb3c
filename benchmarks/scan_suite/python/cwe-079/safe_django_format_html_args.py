# CWE-79 safe: format_html receives the GET value as an argument, and format_html escapes its arguments
from django.http import HttpResponse
from django.utils.html import format_html


def last_city(request):
    city = request.GET.get("city", "Paris")
    fragment = format_html("<span class='city'>Your last city: {}</span>", city)
    return HttpResponse(fragment)
