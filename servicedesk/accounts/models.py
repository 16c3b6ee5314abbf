from decimal import Decimal
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    ADVISOR = "advisor", _("Service advisor")
    TECHNICIAN = "technician", _("Technician")
    SUPERVISOR = "supervisor", _("Duty supervisor")
    MANAGER = "manager", _("Service manager")
    QUALITY = "quality", _("Head of a responsible department")
    CASHIER = "cashier", _("Cashier")
    REPORTING = "reporting", _("Reporting client")


# Remedy amounts a role may approve or give without approval, in the shop's currency, where the
# shop has not set its own. None is unlimited.
DEFAULT_AUTHORITY_LIMITS: dict[str, Decimal | None] = {
    Role.ADVISOR: Decimal("200"),
    Role.SUPERVISOR: Decimal("2000"),
    Role.MANAGER: None,
}
ON_DUTY_ROLES = (Role.MANAGER, Role.SUPERVISOR)


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


def validate_country(value: str) -> None:
    # Not at the top: phones → errors → DRF's views load the API's authentication classes,
    # which read these models (a cycle while this module is half-loaded).
    from servicedesk.phones import is_known_country  # noqa: PLC0415

    if not is_known_country(value):
        raise ValidationError(_("%(value)s is not a known country code."), params={"value": value})


class Shop(models.Model):
    """A branch. Every record of the shop's business belongs to exactly one shop."""

    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("code"), max_length=20, unique=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="Asia/Shanghai", validators=[validate_timezone]
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    # Phone numbers typed without a country code are read as this country's (ISO 3166).
    country = models.CharField(
        _("country"),
        max_length=2,
        default="CN",
        validators=[validate_country],
        help_text=_("Two letters (ISO 3166), e.g. CN: local phone numbers are read as its."),
    )
    # The one rate a work-order line takes unless it is given its own (VAT on repairs and parts
    # in China is 13 %): lines typed at the counter, sent by the API and approved from an
    # inspection all start from it.
    tax_rate = models.DecimalField(
        _("tax rate (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("13"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    # The shop's opening hours and holidays, which the clocks count: BusinessHours, Holiday.
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("shop")
        verbose_name_plural = _("shops")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's place in a shop: one role per shop; managers and supervisors go on duty."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("shop")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    on_duty = models.BooleanField(
        _("on duty"),
        default=False,
        help_text=_("Managers and supervisors: approves remedies for the shop right now."),
    )
    department = models.CharField(
        _("department"),
        max_length=80,
        blank=True,
        help_text=_("For heads of department: the department they answer for."),
    )

    class Meta:
        ordering = ["shop__name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "shop"], name="membership_one_role_per_shop"),
        ]
        indexes = [models.Index(fields=["shop", "role", "on_duty"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.shop} · {self.get_role_display()}"

    def clean(self) -> None:
        if self.on_duty and self.role not in ON_DUTY_ROLES:
            raise ValidationError({"on_duty": _("Only managers and supervisors go on duty.")})


class GroupRole(models.TextChoices):
    """A place in a dealer group: reads the reports of every shop of the group, and nothing
    else of theirs (``reports.permissions``)."""

    GROUP_MANAGER = "group_manager", _("Group manager")
    GROUP_QUALITY = "group_quality", _("Group quality")


class ShopGroup(models.Model):
    """A dealer group: shops compared side by side by the members of the group."""

    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("code"), max_length=20, unique=True)
    shops = models.ManyToManyField(Shop, related_name="groups", blank=True, verbose_name=_("shops"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("group of shops")
        verbose_name_plural = _("groups of shops")

    def __str__(self) -> str:
        return self.name


class GroupMembership(models.Model):
    """A user's place in a group of shops: one role per group."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("user"),
    )
    group = models.ForeignKey(
        ShopGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("group of shops"),
    )
    role = models.CharField(_("role"), max_length=20, choices=GroupRole.choices)

    class Meta:
        ordering = ["group__name", "user__username"]
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group"], name="group_membership_one_role_per_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.group} · {self.get_role_display()}"


class Profile(models.Model):
    """What a user chooses for themselves. Django's user model is kept as it is (every app's
    foreign keys point at it); this row, made on the first choice, extends it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("user"),
    )
    # The language the site and every message to the user are written in; blank: the shop's
    # (of the shop a message is about), and the screen follows the browser.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Blank: the shop's language."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)


class AuthorityLimit(models.Model):
    """A shop's own limit for a role; without one, DEFAULT_AUTHORITY_LIMITS applies."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="authority_limits", verbose_name=_("shop")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit."),
    )

    class Meta:
        verbose_name = _("authority limit")
        verbose_name_plural = _("authority limits")
        constraints = [
            models.UniqueConstraint(fields=["shop", "role"], name="authority_limit_per_role"),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="authority_limit_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shop} · {self.get_role_display()} · {self.amount or '∞'}"


class SecurityEventKind(models.TextChoices):
    LOGIN_FAILED = "login_failed", _("Failed log-in")
    LOCKED_OUT = "locked_out", _("Locked out after repeated failed log-ins")
    DENIED = "denied", _("Action denied (403)")
    OTHER_SHOP = "other_shop", _("Another shop's record asked for (404)")


class SecurityEvent(models.Model):
    """One entry of the security log, for an administrator to read. Written by
    ``servicedesk.security.record`` only; never edited."""

    kind = models.CharField(_("what"), max_length=20, choices=SecurityEventKind.choices)
    at = models.DateTimeField(_("when (UTC)"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username given"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=10, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("security event")
        verbose_name_plural = _("security log")
        indexes = [models.Index(fields=["kind", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} UTC · {self.get_kind_display()} · {self.username}"


class ApiToken(models.Model):
    """A key a REST client sends as ``Authorization: Token <key>``. A user may hold several
    (one per client), each listed and revoked by its owner or an administrator, each expiring
    ``API_TOKEN_TTL_DAYS`` after it was issued; a password change revokes them all.

    Only the key's SHA-256 is kept (a copy of the database or a backup does not hold working
    keys); its first characters are kept to tell the tokens apart in a list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(_("starts with"), max_length=8)
    digest = models.CharField(_("SHA-256 of the key"), max_length=64, unique=True)
    created_at = models.DateTimeField(pgettext_lazy("api token", "issued at"), auto_now_add=True)
    expires_at = models.DateTimeField(pgettext_lazy("api token", "expires at"), db_index=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.user} · {self.prefix}…"


class DocumentCounter(models.Model):
    """The last number given per shop, kind of document and year; rows are locked to allocate
    (servicedesk/numbering.py). Work orders, invoices and complaints each count their own kind."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "kind", "year"], name="document_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} {self.last}"


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class BusinessHours(models.Model):
    """When the shop is open on a weekday, in its time zone; the complaint and escalation clocks
    count these hours only. A weekday without a row is closed; a shop without any row is open
    around the clock (its clocks are wall clocks). ``servicedesk.business_time`` counts them."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="business_hours", verbose_name=_("shop")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["shop", "weekday"]
        verbose_name = _("business hours")
        verbose_name_plural = _("business hours")
        constraints = [
            models.UniqueConstraint(fields=["shop", "weekday"], name="business_hours_per_day"),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="business_hours_close_after_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shop} · {self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Holiday(models.Model):
    """A day the shop is closed whatever its weekday: the clocks do not run on it."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, related_name="holidays", verbose_name=_("shop")
    )
    on = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["shop", "on"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        constraints = [models.UniqueConstraint(fields=["shop", "on"], name="holiday_per_day")]

    def __str__(self) -> str:
        return f"{self.shop} · {self.on} {self.name}"
