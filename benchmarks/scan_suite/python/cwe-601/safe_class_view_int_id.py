# CWE-601 safe: the RedirectView converts the "order" parameter with int() and always builds a local /orders/<n>/ path
from django.http import Http404
from django.views.generic import RedirectView


class OrderShortcutView(RedirectView):
    permanent = False

    def get_redirect_url(self, *args, **kwargs):
        try:
            order_id = int(self.request.GET.get("order", ""))
        except ValueError:
            raise Http404("bad order id")
        return f"/orders/{order_id}/"
