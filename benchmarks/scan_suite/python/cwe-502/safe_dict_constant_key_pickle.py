# CWE-502 safe: the POST state is kept under "client" but the helper unpickles "server", a blob the server built itself
import base64
import pickle

from django.http import JsonResponse

EMPTY_CART = base64.urlsafe_b64encode(pickle.dumps([])).decode()


def decode_state(token):
    return pickle.loads(base64.urlsafe_b64decode(token))


def resume_checkout(request):
    fields = {"client": request.POST["state"], "server": EMPTY_CART}
    cart = decode_state(fields["server"])
    return JsonResponse({"items": len(cart), "ignored": len(fields["client"])})
