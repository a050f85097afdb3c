# CWE-78 safe: the POST path is stored under "requested" but the command reads "path", which holds a constant
import subprocess

from django.http import JsonResponse


def disk_usage(request):
    opts = {"requested": request.POST["path"], "path": "/srv/data", "depth": "1"}
    cmd = "du -h --max-depth=" + opts["depth"] + " " + opts["path"]
    return JsonResponse({"usage": subprocess.getoutput(cmd), "ignored": opts["requested"]})
