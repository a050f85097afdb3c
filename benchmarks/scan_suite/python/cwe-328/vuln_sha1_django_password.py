# CWE-328 vuln: Django view hashes the new password with salted SHA-1 before saving it
import hashlib
import os

from django.http import JsonResponse

from accounts.models import Credential


def change_password(request):
    salt = os.urandom(8).hex()
    hashed = hashlib.sha1((salt + request.POST["new_password"]).encode()).hexdigest()
    Credential.objects.filter(user=request.user).update(salt=salt, pw_hash=hashed)
    return JsonResponse({"ok": True})
