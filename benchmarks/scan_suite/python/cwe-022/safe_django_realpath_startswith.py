# CWE-22 safe: the resolved path is rejected unless it stays under the invoices folder (realpath + startswith(base + sep))
import os

from django.http import FileResponse, Http404, HttpResponseForbidden

MEDIA_ROOT = "/var/www/media"
INVOICES = os.path.realpath(os.path.join(MEDIA_ROOT, "invoices"))


def download(request):
    doc = request.GET.get("doc")
    if not doc:
        raise Http404("no document")
    full_path = os.path.realpath(os.path.join(INVOICES, doc))
    if not full_path.startswith(INVOICES + os.sep):
        return HttpResponseForbidden("bad path")
    return FileResponse(open(full_path, "rb"), as_attachment=True)
