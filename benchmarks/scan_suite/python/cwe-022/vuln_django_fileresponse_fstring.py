# CWE-22 vuln: Django GET parameter interpolated into an f-string path and streamed back with FileResponse
from django.http import FileResponse, Http404

MEDIA_ROOT = "/var/www/media"


def download(request):
    doc = request.GET.get("doc")
    if not doc:
        raise Http404("no document")
    full_path = f"{MEDIA_ROOT}/invoices/{doc}"
    return FileResponse(open(full_path, "rb"), as_attachment=True)
