from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Customer feedback handling")

    def ready(self):
        from interactions.hooks import register_not_satisfied_handler
        from servicedesk import navigation
        from servicedesk.accounts.models import Role
        from vehicles import timeline

        # texts: the messages notifications are read with, defined on import
        from . import actions, canned, inbound, invoicing, services, texts  # noqa: F401
        from .permissions import ROLES_FOR
        from .timeline import provider

        register_not_satisfied_handler(services.complaint_open_if_not_satisfied)
        actions.register()
        invoicing.register()
        canned.register()
        inbound.register()
        timeline.register("complaints", provider)
        timeline.register_kind("complaint", _("Complaint"))
        navigation.register(
            _("Complaints"),
            "complaints:list",
            roles=ROLES_FOR["list"],
            order=40,
            main_for=(*ROLES_FOR["handle"], Role.QUALITY),
        )
        # Seed 003 §1: every employee reports a nonconformity, from any page.
        navigation.register_shortcut(
            _("Report a problem"),
            "complaints:report-problem",
            roles=ROLES_FOR["raise_internal"],
            icon="flag",
            order=10,
        )
        navigation.register(
            _("Approvals"),
            "complaints:approvals",
            roles=ROLES_FOR["approve"],
            order=41,
            main_for=(Role.MANAGER, Role.SUPERVISOR),
            landing_for=(Role.MANAGER, Role.SUPERVISOR),
        )
        navigation.register(
            _("Corrective actions"),
            "complaints:actions",
            roles=ROLES_FOR["actions_page"],
            order=42,
            main_for=(Role.QUALITY,),
            landing_for=(Role.QUALITY,),
        )
        navigation.register(
            _("Supplier deductions"),
            "complaints:deductions",
            roles=ROLES_FOR["cashier_pages"],
            order=43,
            # The cashier's settlements: where they start their day.
            main_for=(Role.CASHIER,),
            landing_for=(Role.CASHIER,),
        )
        navigation.register(
            _("To pay customers"),
            "complaints:settlements",
            roles=ROLES_FOR["cashier_pages"],
            order=44,
            # The other half of the cashier's day: beside the deductions in the bar.
            main_for=(Role.CASHIER,),
        )
