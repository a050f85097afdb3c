# CWE-601 vuln: a Django RedirectView subclass returns the "to" query parameter as its redirect URL
from django.views.generic import RedirectView


class OutboundLinkView(RedirectView):
    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        target = self.request.GET.get("to", "/")
        return target
