# CWE-79 safe: the POSTed signature goes into the template context as a plain string, which Django's template engine autoescapes
from django.shortcuts import render


def update_signature(request):
    signature = request.POST["signature"]
    context = {"signature_text": signature}
    return render(request, "accounts/signature.html", context)
