from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from servicedesk import navigation

        from .permissions import GROUP_READERS, ROLES_FOR

        navigation.register(
            _("Reports"),
            "reports:dashboard",
            roles=ROLES_FOR["read"],
            order=60,
            main_for=("manager", "quality", "reporting"),
            landing_for=("reporting",),
        )
        navigation.register(
            _("Quality"), "reports:quality", roles=ROLES_FOR["read_quality"], order=61
        )
        navigation.register(
            _("Group dashboards"),
            "reports:groups",
            roles=GROUP_READERS,
            order=62,
            main_for=GROUP_READERS,
            landing_for=GROUP_READERS,
        )
        navigation.register_home_panel("reports:home-panel", roles=ROLES_FOR["read"], order=10)
