# CWE-22 vuln: POST value stored in a dict and read back under the same key, then written to with open(..., "w")
import os

from django.http import JsonResponse

NOTES_ROOT = "/var/app/notes"


def save_note(request):
    fields = {}
    fields["title"] = request.POST["title"]
    fields["body"] = request.POST.get("body", "")
    target = os.path.join(NOTES_ROOT, fields["title"] + ".md")
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(fields["body"])
    return JsonResponse({"saved": target})
