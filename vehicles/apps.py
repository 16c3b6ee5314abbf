from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VehiclesConfig(AppConfig):
    name = "vehicles"
    verbose_name = _("Customers and vehicles")

    def ready(self) -> None:
        from servicedesk import navigation

        from . import pickers, timeline  # noqa: F401  timeline registers its own entries
        from .permissions import ROLES_FOR

        pickers.register()

        navigation.register(
            _("Customers"),
            "vehicles:customer-list",
            roles=ROLES_FOR["browse"],
            order=10,
            main_for=("advisor", "technician"),
        )
        navigation.register(
            _("Work orders"),
            "vehicles:work-order-board",
            roles=ROLES_FOR["browse"],
            order=20,
            main_for=("advisor", "technician", "supervisor"),
            landing_for=("technician",),
        )
