# CWE-614 vuln: Django set_signed_cookie stores the cart-owner identity without secure=True
from django.http import HttpResponse


def claim_cart(request):
    resp = HttpResponse("cart claimed")
    resp.set_signed_cookie("cart_owner", str(request.user.pk), salt="cart", httponly=True)
    return resp
