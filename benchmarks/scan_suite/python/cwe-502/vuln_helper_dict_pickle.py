# CWE-502 vuln: a Django POST field goes through a dict and a same-file helper that base64-decodes and unpickles it
import base64
import pickle

from django.http import JsonResponse


def decode_state(token):
    return pickle.loads(base64.urlsafe_b64decode(token))


def resume_checkout(request):
    fields = {"state": request.POST["state"], "step": "payment"}
    cart = decode_state(fields["state"])
    return JsonResponse({"items": len(cart), "step": fields["step"]})
