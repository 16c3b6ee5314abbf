"""The customer's link to one visit (a work order), and the append-only record of what happened
on it: created, sent, opened, revoked, the customer's messages (and, from the inspection on the
link, the customer's decisions)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop
from vehicles.models import WorkOrder

LINK_EVENT_IS_APPEND_ONLY = _("The customer link's record is append-only: rows are never changed.")


class CustomerLink(models.Model):
    """One visit's link. The token is the only key: long, random, unique; a link answers only
    while it is neither expired nor revoked (``portal.services.customer_link_for_token``)."""

    shop = models.ForeignKey(
        Shop, on_delete=models.PROTECT, related_name="customer_links", verbose_name=_("shop")
    )
    work_order = models.ForeignKey(
        WorkOrder,
        on_delete=models.PROTECT,
        related_name="customer_links",
        verbose_name=_("work order"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    first_opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("customer link")
        verbose_name_plural = _("customer links")
        indexes = [models.Index(fields=["work_order", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.work_order} · {self.created_at:%Y-%m-%d}"


class LinkEventKind(models.TextChoices):
    CREATED = "created", _("Link created")
    SENT = "sent", _("Link sent")
    OPENED = "opened", _("Link opened by the customer")
    REVOKED = "revoked", _("Link revoked")
    MESSAGE = "message", _("Message from the customer")
    # What the customer decided on the link (an inspection item's decision, by its value; the
    # signed authorization of the work order).
    APPROVED = "approved", _("Approved by the customer")
    DECLINED = "declined", _("Declined by the customer")
    DEFERRED = "deferred", _("Deferred by the customer")
    SIGNED = "signed", _("Work authorized and signed by the customer")


class AppendOnlyError(Exception):
    pass


class LinkEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(str(LINK_EVENT_IS_APPEND_ONLY))

    def delete(self):
        raise AppendOnlyError(str(LINK_EVENT_IS_APPEND_ONLY))

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(str(LINK_EVENT_IS_APPEND_ONLY))


class CustomerLinkEvent(models.Model):
    """Who did what on or with a link, when: the audit of the customer's actions (``actor``
    empty and ``by_customer`` set) and of the staff's (created, sent, revoked). Rows are only
    added. ``kind`` is open text with the choices above: the inspection on the link adds its
    own kinds (approved, declined, deferred, signed)."""

    link = models.ForeignKey(
        CustomerLink, on_delete=models.PROTECT, related_name="events", verbose_name=_("link")
    )
    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.PROTECT, related_name="+", verbose_name=_("work order")
    )
    kind = models.CharField(_("what"), max_length=30)
    by_customer = models.BooleanField(_("by the customer, via link"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"))

    objects = LinkEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("customer-link event")
        verbose_name_plural = _("customer-link events")
        indexes = [models.Index(fields=["work_order", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} · {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(str(LINK_EVENT_IS_APPEND_ONLY))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(str(LINK_EVENT_IS_APPEND_ONLY))

    @property
    def kind_label(self) -> str:
        try:
            return str(LinkEventKind(self.kind).label)
        except ValueError:
            return self.kind
