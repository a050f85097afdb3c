# CWE-502 vuln: a Django upload is parsed with yaml.unsafe_load (python/object tags allowed)
import yaml
from django.http import JsonResponse


def import_config(request):
    uploaded = request.FILES["config"]
    config = yaml.unsafe_load(uploaded.read())
    return JsonResponse({"keys": sorted(config)})
