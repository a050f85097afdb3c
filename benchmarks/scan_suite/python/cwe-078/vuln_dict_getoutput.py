# CWE-78 vuln: Django POST value kept in a dict and read back by the same key into subprocess.getoutput (always uses a shell)
import subprocess

from django.http import JsonResponse


def disk_usage(request):
    opts = {"path": request.POST["path"], "depth": "1"}
    cmd = "du -h --max-depth=" + opts["depth"] + " " + opts["path"]
    return JsonResponse({"usage": subprocess.getoutput(cmd)})
