from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The customer's own link to their visit: public pages under ``/c/<token>/``."""

    name = "portal"
    label = "portal"
    verbose_name = _("Customer link")
