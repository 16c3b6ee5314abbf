"""What the vehicles API's endpoints share: the shop a new record goes to, the viewset they
start from. The error answers they declare are servicedesk.schema's."""

from django.utils.translation import gettext_lazy as _
from rest_framework import viewsets

from servicedesk.accounts.selectors import shops_for_user
from servicedesk.errors import Invalid, NotFound

NO_SHOP = _("You are not a member of any shop.")


def _shop_for_create(request, shop_id=None):
    """The shop a new record goes to: the one named (if the user's), else the user's only one."""
    shops = shops_for_user(request.user)
    if shop_id:
        for shop in shops:
            if str(shop.pk) == str(shop_id):
                return shop
        raise NotFound()
    if not shops:
        raise Invalid(NO_SHOP)
    return shops[0]


class ScopedViewSet(viewsets.GenericViewSet):
    def _fake(self):
        return getattr(self, "swagger_fake_view", False)
