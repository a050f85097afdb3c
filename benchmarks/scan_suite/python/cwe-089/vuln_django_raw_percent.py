# CWE-89 vuln: Manager.raw() receives a query already %-formatted with the POST value instead of a params list
from django.contrib.auth.models import User
from django.http import JsonResponse


def find_user(request):
    username = request.POST["username"]
    users = User.objects.raw("SELECT * FROM auth_user WHERE username = '%s'" % username)
    return JsonResponse({"ids": [u.id for u in users]})
