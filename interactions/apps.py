from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    name = "interactions"
    verbose_name = _("Customer interactions")

    def ready(self) -> None:
        from anymail.signals import inbound

        from servicedesk import navigation
        from servicedesk.accounts.models import Role
        from vehicles import timeline

        # texts: the messages notifications are read with, defined on import
        from . import actions, texts  # noqa: F401
        from .permissions import ROLES_FOR
        from .receivers import email_received
        from .timeline import provider

        actions.register()
        inbound.connect(email_received, dispatch_uid="servicedesk-inbound-email")

        timeline.register("interactions", provider)
        timeline.register_kind("interaction", _("Interaction"))
        timeline.register_kind("communication", _("Communication"))
        timeline.register_kind("message", _("Message sent"))

        navigation.register(
            _("My desk"),
            "interactions:desk",
            roles=ROLES_FOR["run"],
            order=10,
            main_for=(Role.ADVISOR, Role.SUPERVISOR),
            landing_for=(Role.ADVISOR,),
        )
        navigation.register(
            _("Interactions"), "interactions:list", roles=ROLES_FOR["run"], order=11
        )
        navigation.register(
            _("Team today"), "interactions:team", roles=ROLES_FOR["respond"], order=12
        )
        navigation.register(
            _("Escalations"),
            "interactions:escalations",
            roles=ROLES_FOR["respond"],
            order=13,
            main_for=(Role.SUPERVISOR, Role.MANAGER),
        )
        navigation.register(
            _("Communication log"),
            "interactions:communications",
            roles=ROLES_FOR["log"],
            order=14,
        )
        navigation.register(_("Inbox"), "interactions:inbox", roles=ROLES_FOR["log"], order=14)
        navigation.register(
            _("Canned replies"),
            "interactions:canned-replies",
            roles=ROLES_FOR["canned_replies"],
            order=15,
        )
