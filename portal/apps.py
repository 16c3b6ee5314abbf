from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The customer's own link to their visit: public pages under ``/c/<token>/``."""

    name = "portal"
    label = "portal"
    verbose_name = _("Customer link")

    def ready(self) -> None:
        from vehicles import panels

        from . import texts  # noqa: F401  (defines the messages notifications are read with)
        from .views import staff

        panels.register("portal.link", staff.panel, order=10)
        panels.register_history("portal.link", staff.history)
