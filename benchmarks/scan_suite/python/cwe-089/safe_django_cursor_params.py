# CWE-89 safe: "%s" is a driver placeholder here; the city is passed separately in the params list, not %-formatted into the SQL
from django.db import connection
from django.http import JsonResponse


def customers_by_city(request):
    city = request.GET.get("city", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email FROM customers WHERE city = %s", [city])
        rows = cursor.fetchall()
    return JsonResponse({"customers": rows})
