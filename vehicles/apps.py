from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VehiclesConfig(AppConfig):
    name = "vehicles"
    verbose_name = _("Customers and vehicles")

    def ready(self) -> None:
        from servicedesk import navigation

        from . import timeline  # noqa: F401  registers this app's own timeline entries

        staff = ("advisor", "technician", "supervisor", "manager", "cashier", "quality")
        navigation.register(_("Customers"), "vehicles:customer-list", roles=staff, order=10)
        navigation.register(_("Work orders"), "vehicles:work-order-board", roles=staff, order=20)
