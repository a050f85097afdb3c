# CWE-89 safe: Manager.raw() gets the POST value through its params argument, so Django binds it
from django.contrib.auth.models import User
from django.http import JsonResponse


def find_user(request):
    username = request.POST["username"]
    users = User.objects.raw("SELECT * FROM auth_user WHERE username = %s", [username])
    return JsonResponse({"ids": [u.id for u in users]})
