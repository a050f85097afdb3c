# CWE-601 vuln: Django view redirects to the GET "return_to" value with HttpResponseRedirect and no host check
from django.http import HttpResponseRedirect


def logout_view(request):
    request.session.flush()
    return HttpResponseRedirect(request.GET["return_to"])
