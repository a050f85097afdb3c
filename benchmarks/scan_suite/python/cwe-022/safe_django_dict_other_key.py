# CWE-22 safe: the POST title goes into the dict under "title" but the path is built from "slot", which always holds a constant
import os

from django.http import JsonResponse

NOTES_ROOT = "/var/app/notes"


def save_note(request):
    fields = {}
    fields["title"] = request.POST["title"]
    fields["slot"] = "scratch"
    fields["body"] = request.POST.get("body", "")
    target = os.path.join(NOTES_ROOT, fields["slot"] + ".md")
    with open(target, "w", encoding="utf-8") as fh:
        fh.write(fields["body"])
    return JsonResponse({"saved": target, "title": fields["title"]})
