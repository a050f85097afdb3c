# CWE-614 safe: Django set_signed_cookie is called with secure=True
from django.http import HttpResponse


def claim_cart(request):
    resp = HttpResponse("cart claimed")
    resp.set_signed_cookie("cart_owner", str(request.user.pk), salt="cart", httponly=True, secure=True)
    return resp
