# CWE-330 vuln: the Django CSRF-style form token is str(random.random()) stored in the session
import random

from django.shortcuts import render


def transfer_form(request):
    token = str(random.random())[2:]
    request.session["form_token"] = token
    return render(request, "bank/transfer.html", {"form_token": token})
