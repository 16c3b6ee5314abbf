from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "servicedesk.accounts"
    label = "accounts"
    verbose_name = _("Shops and staff")

    def ready(self) -> None:
        from servicedesk import navigation

        from . import pickers

        pickers.register()

        navigation.register(_("Home"), "home", order=0)

        from servicedesk import security

        security.connect_axes()

        from . import identity

        identity.connect()

        from django.contrib.auth.signals import user_logged_in

        from servicedesk.sessions import stamp_on_login

        user_logged_in.connect(stamp_on_login, dispatch_uid="servicedesk-session-stamp")

        from servicedesk.api_fields import strict_json_types

        strict_json_types()

        from servicedesk import db_router

        db_router.connect_signals()
