from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "servicedesk.outbox"
    label = "outbox"
    verbose_name = _("Outbound messages")

    def ready(self) -> None:
        from servicedesk import navigation

        from . import texts  # noqa: F401  (defines the messages notifications are read with)
        from .permissions import ROLES_FOR

        navigation.register(
            _("Failed messages"), "outbox:failed", roles=ROLES_FOR["watch"], order=85
        )
