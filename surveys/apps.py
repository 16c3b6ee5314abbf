from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Customer surveys")

    def ready(self) -> None:
        from . import texts  # noqa: F401  (defines the messages notifications are read with)
