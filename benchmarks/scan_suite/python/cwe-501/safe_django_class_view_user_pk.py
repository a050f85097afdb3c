# CWE-501 safe: the class-based view ignores the header for the session and stores the authenticated user's primary key
from django.http import JsonResponse
from django.views import View


class WhoAmIView(View):
    def get(self, request):
        claimed = request.META.get("HTTP_X_ACTING_AS", "")
        if request.user.is_authenticated:
            request.session["acting_as"] = request.user.pk
        return JsonResponse({"acting_as": request.session.get("acting_as"), "claimed": claimed})
