# CWE-502 safe: yaml.load is given Loader=yaml.SafeLoader, equivalent to safe_load
import yaml
from django.http import JsonResponse


def import_config(request):
    uploaded = request.FILES["config"]
    config = yaml.load(uploaded.read(), Loader=yaml.SafeLoader)
    return JsonResponse({"keys": sorted(config)})
