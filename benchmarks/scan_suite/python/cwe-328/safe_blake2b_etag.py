# CWE-328 safe: ETags for static files are computed with BLAKE2b (a strong hash) over the file bytes
import hashlib

from django.http import HttpResponse


def stylesheet(request):
    with open("/srv/static/app.css", "rb") as fh:
        body = fh.read()
    etag = hashlib.blake2b(body, digest_size=16).hexdigest()
    resp = HttpResponse(body, content_type="text/css")
    resp["ETag"] = f'"{etag}"'
    return resp
