"""Records a shop keeps for good: complaints and work orders are cancelled or closed, never
deleted. The ORM refuses to delete them, one row or a queryset; the admin offers no delete;
every foreign key pointing at them is PROTECT, so no cascade removes them either."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NEVER_DELETED = _("%(what)s are never deleted: cancel or close them instead.")


class HardDeleteRefused(Exception):
    pass


def _refuse(model) -> None:
    raise HardDeleteRefused(str(NEVER_DELETED % {"what": model._meta.verbose_name_plural}))


class NeverDeletedQuerySet(models.QuerySet):
    def delete(self):
        _refuse(self.model)

    delete.queryset_only = True


class NeverDeleted(models.Model):
    """Mixin for a model whose rows are never deleted through the ORM."""

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        _refuse(type(self))
