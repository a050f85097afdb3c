# CWE-330 safe: the form token uses random.SystemRandom (os.urandom-backed) for 128 random bits
import random

from django.shortcuts import render

_sysrand = random.SystemRandom()


def transfer_form(request):
    token = "%032x" % _sysrand.getrandbits(128)
    request.session["form_token"] = token
    return render(request, "bank/transfer.html", {"form_token": token})
