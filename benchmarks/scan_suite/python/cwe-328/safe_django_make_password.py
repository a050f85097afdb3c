# CWE-328 safe: Django's make_password uses the configured password hasher (PBKDF2-SHA256 by default)
from django.contrib.auth.hashers import make_password
from django.http import JsonResponse

from accounts.models import Credential


def change_password(request):
    hashed = make_password(request.POST["new_password"])
    Credential.objects.filter(user=request.user).update(pw_hash=hashed)
    return JsonResponse({"ok": True})
