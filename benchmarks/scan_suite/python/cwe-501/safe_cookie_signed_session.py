# CWE-501 safe: the referrer cookie is a value the server signed itself; django.core.signing.loads rejects anything tampered
from django.core import signing
from django.http import HttpResponse


def landing(request):
    ref = request.COOKIES.get("ref")
    if ref:
        try:
            request.session["affiliate_id"] = signing.loads(ref, salt="affiliate", max_age=30 * 86400)
        except signing.BadSignature:
            pass
    return HttpResponse("welcome")
