# CWE-501 vuln: a base64 "referrer" cookie is decoded and stored in the Django session as the affiliate id used for payouts
import base64

from django.http import HttpResponse


def landing(request):
    ref = request.COOKIES.get("ref")
    if ref:
        request.session["affiliate_id"] = base64.b64decode(ref).decode("utf-8")
    return HttpResponse("welcome")
