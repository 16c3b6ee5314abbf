from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from servicedesk.accounts.models import Shop

from . import messages


class Notification(models.Model):
    """An in-app message to one member of staff. ``key`` makes a sender idempotent: the same
    key for the same recipient is stored once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True)
    # What to say, put into words in the reader's language when read (``messages``); title
    # and body keep the words in the site's default language for the admin and old readers.
    message = models.CharField(_("message key"), max_length=80, blank=True)
    params = models.JSONField(_("message parameters"), default=dict, blank=True)
    # Rows written before messages had keys: the title and body in each language of the site
    # ({"zh-hans": {"title": …, "body": …}}).
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="notification_key_once",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    def _words(self) -> tuple[str, str]:
        rendered = messages.render(self.message, self.params) if self.message else None
        if rendered is not None:
            return rendered
        older = self.translations.get(get_language() or settings.LANGUAGE_CODE) or {}
        return older.get("title") or self.title, older.get("body") or self.body

    @property
    def display_title(self) -> str:
        """The title in the active (the reader's) language."""
        return self._words()[0]

    @property
    def display_body(self) -> str:
        return self._words()[1]
