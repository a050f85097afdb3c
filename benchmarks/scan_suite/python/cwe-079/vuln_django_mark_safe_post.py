# CWE-79 vuln: POSTed signature is wrapped in mark_safe and rendered, bypassing Django's autoescaping
from django.shortcuts import render
from django.utils.safestring import mark_safe


def update_signature(request):
    signature = request.POST["signature"]
    context = {"signature_html": mark_safe(signature)}
    return render(request, "accounts/signature.html", context)
