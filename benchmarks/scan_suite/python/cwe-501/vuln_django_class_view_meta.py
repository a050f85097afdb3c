# CWE-501 vuln: a class-based view stores the client-supplied REMOTE_USER-like header from request.META in the session
from django.http import JsonResponse
from django.views import View


class ImpersonateView(View):
    def get(self, request):
        acting_as = request.META.get("HTTP_X_ACTING_AS", "")
        request.session["acting_as"] = acting_as
        return JsonResponse({"acting_as": acting_as})
