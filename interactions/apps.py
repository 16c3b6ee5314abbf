from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionsConfig(AppConfig):
    name = "interactions"
    verbose_name = _("Customer interactions")

    def ready(self) -> None:
        from servicedesk import navigation
        from servicedesk.accounts.models import Role
        from vehicles import timeline

        # texts: the messages notifications are read with, defined on import
        from . import actions, texts  # noqa: F401
        from .timeline import provider

        actions.register()

        timeline.register("interactions", provider)
        timeline.register_kind("interaction", _("Interaction"))
        timeline.register_kind("communication", _("Communication"))

        desk_roles = (Role.ADVISOR, Role.SUPERVISOR, Role.MANAGER)
        navigation.register(
            _("My desk"),
            "interactions:desk",
            roles=desk_roles,
            order=10,
            main_for=(Role.ADVISOR, Role.SUPERVISOR),
            landing_for=(Role.ADVISOR,),
        )
        navigation.register(_("Interactions"), "interactions:list", roles=desk_roles, order=11)
        navigation.register(
            _("Team today"), "interactions:team", roles=(Role.SUPERVISOR, Role.MANAGER), order=12
        )
        navigation.register(
            _("Escalations"),
            "interactions:escalations",
            roles=(Role.SUPERVISOR, Role.MANAGER),
            order=13,
            main_for=(Role.SUPERVISOR, Role.MANAGER),
        )
        navigation.register(
            _("Communication log"),
            "interactions:communications",
            roles=(*desk_roles, Role.QUALITY),
            order=14,
        )
