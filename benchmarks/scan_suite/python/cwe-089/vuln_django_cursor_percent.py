# CWE-89 vuln: Django GET value %-formatted into the SQL string itself (not passed as params) before cursor.execute
from django.db import connection
from django.http import JsonResponse


def customers_by_city(request):
    city = request.GET.get("city", "")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, email FROM customers WHERE city = '%s'" % city)
        rows = cursor.fetchall()
    return JsonResponse({"customers": rows})
