# CWE-501 safe: the session role is derived from the authenticated user's groups in the database; the POST only asks to refresh
from django.http import JsonResponse


def choose_role(request):
    wanted = request.POST.get("role")
    is_admin = request.user.is_authenticated and request.user.groups.filter(name="admin").exists()
    request.session["role"] = "admin" if is_admin else "member"
    return JsonResponse({"role": request.session["role"], "requested": wanted})
