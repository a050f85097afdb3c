# CWE-501 vuln: the role posted by the client is copied into request.session, which other views read for authorisation
from django.http import JsonResponse


def choose_role(request):
    request.session["role"] = request.POST["role"]
    return JsonResponse({"role": request.session["role"]})


def admin_panel(request):
    if request.session.get("role") != "admin":
        return JsonResponse({"error": "forbidden"}, status=403)
    return JsonResponse({"panel": "ok"})
