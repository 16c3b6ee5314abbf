from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "servicedesk.accounts"
    label = "accounts"
    verbose_name = _("Shops and staff")

    def ready(self) -> None:
        from servicedesk import navigation

        from . import predicates  # noqa: F401  registers the role permissions with django-rules

        navigation.register(_("Home"), "home", order=0)
