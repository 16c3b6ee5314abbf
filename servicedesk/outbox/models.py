"""Every email and text message the shop sends, the templates they are written from, and the
reminders the jobs have already sent (so a second run sends nothing twice)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from servicedesk.accounts.models import Shop


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class MessageKind(models.TextChoices):
    # to customers
    SURVEY_INVITATION = "survey_invitation", _("Satisfaction survey invitation")
    INSPECTION_REMINDER = "inspection_reminder", _("Declined or deferred work reminder")
    NEXT_VISIT_REMINDER = "next_visit_reminder", _("Next visit reminder")
    CUSTOMER_LINK = "customer_link", _("Link to the visit")
    COMPLAINT_PROGRESS = "complaint_progress", _("Complaint progress and expected resolution")
    # to staff
    SURVEY_CHECK = "survey_check", _("Satisfaction check for the advisor")
    LOW_SCORE = "low_score", _("Low survey score")
    COMPLAINT_FOLLOW_UP = "complaint_follow_up", _("Complaint follow-up due")
    COMPLAINT_OVERDUE = "complaint_overdue", _("Complaint clock overdue")
    ACTION_OVERDUE = "action_overdue", _("Corrective action overdue")
    MONTHLY_REPORT = "monthly_report", _("Monthly report")
    # to customers, answering them
    COMPLAINT_RECEIVED = "complaint_received", _("Complaint received (acknowledgement)")


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class MessageTemplate(models.Model):
    """The words of one kind of message in one language. Subject and bodies are Django
    templates: ``{{ customer }}``, ``{{ shop }}``, ``{{ url }}`` and the kind's own names."""

    kind = models.CharField(_("kind"), max_length=40, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    subject = models.CharField(_("email subject"), max_length=200)
    body = models.TextField(_("email body"))
    sms_body = models.TextField(
        _("text message"), blank=True, help_text=_("Short: one or two text messages.")
    )

    class Meta:
        ordering = ["kind", "language"]
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="message_template_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.language}"


class OutboundMessage(models.Model):
    """One email or text message to one recipient. ``key`` is unique: queueing the same key
    again returns the first message and sends nothing."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="+", verbose_name=_("shop")
    )
    key = models.CharField(_("key"), max_length=160, unique=True)
    kind = models.CharField(_("kind"), max_length=40, choices=MessageKind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    to = models.CharField(pgettext_lazy("recipient", "to"), max_length=254)
    # The customer's name as addressed; no link to vehicles.Customer: the outbox sits below
    # every domain app so each of them may send through it.
    to_name = models.CharField(_("recipient"), max_length=120, blank=True)
    # Whom a message to a customer is about, by id (the same reason as above): the customer's
    # and the vehicle's communication log read every message sent to them from here.
    customer_ref = models.PositiveBigIntegerField(_("customer (id)"), null=True, blank=True)
    vehicle_ref = models.PositiveBigIntegerField(_("vehicle (id)"), null=True, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff recipient"),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("told if it fails"),
    )
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"))
    # An email's Message-ID header, chosen when it is queued: a reply names it (In-Reply-To,
    # References), which is how an answer finds the message, customer and record it answers.
    message_id = models.CharField(_("message id"), max_length=255, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outbound message")
        verbose_name_plural = _("outbound messages")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["shop", "status", "-created_at"]),
            models.Index(fields=["customer_ref", "-created_at"]),
            models.Index(fields=["vehicle_ref", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.to}"


class OutboundAttachment(models.Model):
    """A file sent with an email (a report's workbook), kept beside the message rather than in
    it, so that the lists of messages never read the bytes."""

    message = models.ForeignKey(
        OutboundMessage,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("message"),
    )
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    content = models.BinaryField(_("content"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename


class Reminder(models.Model):
    """What a reminder job has done: one row per key (kind and the record and date it is
    about). A job that finds its key already stored sends nothing."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="+", verbose_name=_("shop")
    )
    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=160, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        indexes = [models.Index(fields=["shop", "kind", "-created_at"])]

    def __str__(self) -> str:
        return self.key


class ReminderSettings(models.Model):
    """A shop's reminder timing; shops without a row use the defaults."""

    shop = models.OneToOneField(
        Shop, on_delete=models.CASCADE, related_name="reminder_settings", verbose_name=_("shop")
    )
    inspection_after_days = models.PositiveSmallIntegerField(
        _("remind of declined or deferred work after (days)"),
        default=30,
        help_text=_("Only customers who agreed to reminders are written to."),
    )
    next_visit_days_before = models.PositiveSmallIntegerField(
        _("remind of the next visit (days before)"), default=3
    )

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return str(self.shop)
