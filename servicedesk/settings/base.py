"""Settings shared by every environment. Environment-specific files import from here."""

from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("SERVICEDESK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "django_celery_beat",
    "axes",
    "simple_history",
    "anymail",
    # ServiceDesk, in layer order: each imports only those above it.
    "servicedesk.accounts",
    "servicedesk.notifications",
    "servicedesk.outbox",
    "vehicles",
    "interactions",
    "complaints",
    "surveys",
    "portal",
    "reports",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "servicedesk.sessions.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "servicedesk.security.SecurityLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "servicedesk.errors.DomainErrorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes last, as its documentation asks: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (django-csp): scripts only from this site's own files — no inline
# script, no event-handler attribute, no eval (templates declare behaviour with data attributes
# read by static/js/). Inline style attributes stay allowed: a progress bar's width, a canvas's
# size; they run no code. Photos and signatures are this site's URLs; data: and blob: are the
# signature pad's and Swagger UI's own images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Field-edit history (django-simple-history) is for reading who changed what. Reverting from the
# admin would write old values past the services (a stage, a version, a status): the button is
# hidden here, the POST refused by servicedesk.field_history_admin.FieldHistoryAdmin.
SIMPLE_HISTORY_REVERT_DISABLED = True

ROOT_URLCONF = "servicedesk.urls"
WSGI_APPLICATION = "servicedesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "servicedesk.accounts.context_processors.staff",
                "servicedesk.notifications.context_processors.bell",
            ],
        },
    },
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Not a rule: Django tells validators of every password change; this one revokes the
    # user's API tokens then (servicedesk/accounts/tokens.py).
    {"NAME": "servicedesk.accounts.tokens.RevokeApiTokensOnPasswordChange"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"  # each role lands on its work
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 8 * 3600, minimum=60)
# The age above is an idle timeout, not a fixed lifetime: servicedesk.sessions refreshes it at
# most once per SESSION_REFRESH_SECONDS (Django's SESSION_SAVE_EVERY_REQUEST would write the
# session on every request).
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 60, minimum=1)

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "servicedesk.security.lockout_response"
AXES_SENSITIVE_PARAMETERS = ["password"]
# Reverse proxies in front of the site, each appending the address it was reached from to
# X-Forwarded-For. Production runs behind one (TLS); 0 when clients connect directly. The
# lockout, the throttles and the security log all key on the client's address found this way
# (servicedesk.security.client_ip), not on the proxy's, which every person shares.
TRUSTED_PROXY_HOPS = env_int("TRUSTED_PROXY_HOPS", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "servicedesk.security.client_ip"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated call then answers 401 with WWW-Authenticate.
        "servicedesk.accounts.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "servicedesk.accounts.permissions.RoleMayWrite",
    ],
    "DEFAULT_PARSER_CLASSES": ["servicedesk.parsers.DepthLimitedJSONParser"],
    # DRF's pair (JSON, then the browsable API for a browser), the JSON written by orjson.
    "DEFAULT_RENDERER_CLASSES": [
        "servicedesk.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "servicedesk.pagination.PageNumberPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "servicedesk.filters.FilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "servicedesk.schema.ServiceDeskAutoSchema",
    "EXCEPTION_HANDLER": "servicedesk.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "servicedesk.throttling.AnonRateThrottle",
        "servicedesk.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "60/minute"),
        "user": env_str("API_THROTTLE_USER", "6000/minute"),
        # token logins per username and address (servicedesk.security.LoginThrottle)
        "login": env_str("API_THROTTLE_LOGIN", "10/minute"),
    },
    # DRF's own reading of X-Forwarded-For for the anonymous and user rates: the same hops as
    # servicedesk.security.client_ip (without it DRF keys on the whole header, forged or not).
    "NUM_PROXIES": TRUSTED_PROXY_HOPS,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ServiceDesk API",
    "DESCRIPTION": "Service desk and complaint tracker for automotive repair shops.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "servicedesk.schema.declare_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        # interactions: two "channel" and two "kind" choice sets
        "InteractionChannelEnum": "interactions.models.InteractionChannel",
        "CommunicationChannelEnum": "interactions.models.CommunicationChannel",
        "EscalationKindEnum": "interactions.models.EscalationKind",
        "CommunicationKindEnum": "interactions.models.CommunicationKind",
        # vehicles
        "LineKindEnum": "vehicles.models.LineKind",
        "WorkOrderStatusEnum": "vehicles.models.WorkOrderStatus",
        "InspectionStatusEnum": "vehicles.models.InspectionStatus",
        # how an authorization was given: every way as stored, and the ways staff record
        "AuthorizationMethodEnum": "vehicles.models.AuthorizationMethod",
        "CounterAuthorizationMethodEnum": "vehicles.models.COUNTER_METHODS",
        # complaints
        "ComplaintChannelEnum": "complaints.models.ComplaintChannel",
        "RemedyKindEnum": "complaints.models.RemedyKind",
        "RemedyStatusEnum": "complaints.models.RemedyStatus",
        "HistoryKindEnum": "complaints.models.HistoryKind",
        "PauseReasonEnum": "complaints.models.PauseReason",
        # one name for every field whose choices are LANGUAGES
        "LanguageEnum": "django.conf.settings.LANGUAGES",
        # reports
        "ReportJobStatusEnum": "reports.models.JobStatus",
    },
}

# API tokens (servicedesk.accounts.tokens) expire this many days after they are issued.
# How long the quality page's figures of a shop and period stay cached (a reader may refresh).
QUALITY_CACHE_SECONDS = env_int("QUALITY_CACHE_SECONDS", 600, minimum=0)
# A dealer group's comparison with more shops than this still to compute is computed by a job on
# the reports queue, its progress shown (reports/selectors.py); the reports home computes the
# year so far of at most this many shops, the rest of a group's compared on its dashboard.
GROUP_INLINE_SHOPS = env_int("GROUP_INLINE_SHOPS", 12, minimum=0)
API_TOKEN_TTL_DAYS = env_int("API_TOKEN_TTL_DAYS", 90, minimum=1)
# A user's memberships, groups and language kept in the cache between requests, at most this
# long (servicedesk/accounts/identity.py): only where one cache is shared by every process.
IDENTITY_CACHE_SECONDS = 0

# Celery. The broker is Redis when CELERY_BROKER_URL or REDIS_URL is set; the environment files
# decide the embedded default. Results live beside the broker.
REDIS_URL = env_url("REDIS_URL", None, schemes=("redis", "rediss"))
CELERY_BROKER_URL = env_url(
    "CELERY_BROKER_URL", REDIS_URL, schemes=("redis", "rediss", "amqp", "filesystem")
)
CELERY_RESULT_BACKEND = env_str(
    "CELERY_RESULT_BACKEND",
    REDIS_URL
    or (CELERY_BROKER_URL if str(CELERY_BROKER_URL).startswith(("redis:", "rediss:")) else None),
)
CELERY_BROKER_VISIBILITY_TIMEOUT = env_int("CELERY_BROKER_VISIBILITY_TIMEOUT", 3600, minimum=60)
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# An escalation to the manager is answered within this much of the shop's business time; one
# still unanswered is escalated again, once per such period (docs/jobs.md).
ESCALATION_RESPONSE_MINUTES = env_int("ESCALATION_RESPONSE_MINUTES", 30, minimum=1)
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the message to be redelivered
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = TIME_ZONE
# Queues, so a slow report never delays a reminder or a message (docs/deployment.md). Each task
# is routed by its registered name; a task not named here goes to the default queue. A worker
# that serves everything (`make run`, the compose file's `worker`) consumes WORKER_QUEUES; at a
# group's scale each queue has workers of its own. tests/jobs/test_queue_routing.py holds every
# registered task to a route and every worker command to the queues.
#   messages   what goes out to a person: the outbox's deliveries and its sweep of lost ones
#   reminders  the periodic scans whose worth is being on time: surveys due, follow-ups,
#              escalations, inspection and next-visit reminders (each queues its messages
#              on `messages`)
#   reports    annual statistics, the monthly report, their sweeps: minutes of SQL at worst
#   celery     the rest: the worker's ping, reading the shop's IMAP mailbox
CELERY_TASK_DEFAULT_QUEUE = "celery"
WORKER_QUEUES = ("celery", "messages", "reminders", "reports")
CELERY_TASK_ROUTES = {
    "outbox.*": {"queue": "messages"},
    "reports.*": {"queue": "reports"},
    "surveys.send_due": {"queue": "reminders"},
    "complaints.remind_follow_ups": {"queue": "reminders"},
    "complaints.escalate_overdue": {"queue": "reminders"},
    "vehicles.remind_inspection_work": {"queue": "reminders"},
    "interactions.remind_next_visits": {"queue": "reminders"},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "servicedesk@localhost")

# Text messages (servicedesk/outbox/sms.py): the console backend writes them to the log; the
# HTTP backend posts them to a provider configured here.
SMS_BACKEND = env_str("SMS_BACKEND", "servicedesk.outbox.sms.ConsoleSmsBackend")
SMS_HTTP_URL = env_str("SMS_HTTP_URL", "")
SMS_HTTP_TOKEN = env_str("SMS_HTTP_TOKEN", "")
SMS_HTTP_SENDER = env_str("SMS_HTTP_SENDER", "ServiceDesk")
# Text messages in: the provider posts them to /inbound/sms/ signed with this shared secret
# (HMAC-SHA256 of the body, hex, in the X-Signature header). Unset: the endpoint answers 404.
SMS_INBOUND_SECRET = env_str("SMS_INBOUND_SECRET", "")

# Email in (docs/jobs.md): a provider's inbound webhook through django-anymail (Mailgun: the
# route forwards to /inbound/email/mailgun/inbound/, signed with the webhook signing key; unset,
# the endpoint answers 404), and/or an IMAP mailbox read by `manage.py fetch_mail`
# (imaps://user:password@host:993/INBOX; unset, the job does nothing).
ANYMAIL = {
    name: value
    for name, value in {
        "MAILGUN_WEBHOOK_SIGNING_KEY": env_str("MAILGUN_WEBHOOK_SIGNING_KEY", ""),
        "WEBHOOK_SECRET": env_str("ANYMAIL_WEBHOOK_SECRET", ""),
    }.items()
    if value
}
INBOUND_IMAP_URL = env_str("INBOUND_IMAP_URL", "")

# Delivery of outbound messages: attempts, then back-off base × 2^n up to the cap. The cap must
# stay below the broker's visibility timeout (Redis: CELERY_BROKER_VISIBILITY_TIMEOUT).
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 5, minimum=1)
OUTBOX_RETRY_BASE_SECONDS = env_int("OUTBOX_RETRY_BASE_SECONDS", 60, minimum=1)
OUTBOX_RETRY_MAX_SECONDS = env_int("OUTBOX_RETRY_MAX_SECONDS", 1800, minimum=1)
OUTBOX_STALE_SECONDS = env_int("OUTBOX_STALE_SECONDS", 3600, minimum=60)
# A running annual-statistics job beats every quarter of this; one silent for longer is taken
# as dead (its worker was killed) and is run again. The beat schedule "Re-queue lost report
# jobs" also sends again, after this long, a queued job whose message never reached a worker.
REPORT_JOB_LEASE_SECONDS = env_int("REPORT_JOB_LEASE_SECONDS", 120, minimum=10)
# The monthly report: once a shop's month is over (in its time zone), the month's headline
# figures and workbook are emailed to its managers, once. Off: the schedule sends nothing.
MONTHLY_REPORT_EMAIL = env_bool("MONTHLY_REPORT_EMAIL", True)
# Links in messages (the survey page, a staff alert) are absolute: the site's public address,
# the one setting every link is built from. `make run` sets it from HOST and PORT; production
# requires it.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes=("http", "https")).rstrip("/")

# Who may run `manage.py seed_demo`: only the local and test settings turn it on.
SEED_DEMO_ALLOWED = False

# The security log (failed logins, lockouts, denied actions) has its own handler: standard error
# by default, or the file named by SECURITY_LOG_FILE. Its lines carry their own UTC timestamp.
SECURITY_LOG_FILE = env_str("SECURITY_LOG_FILE", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "security": {"format": "security %(levelname)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "security": (
            {
                "class": "logging.handlers.WatchedFileHandler",
                "filename": SECURITY_LOG_FILE,
                "formatter": "security",
            }
            if SECURITY_LOG_FILE
            else {"class": "logging.StreamHandler", "formatter": "security"}
        ),
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "servicedesk.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}


def redis_cache(url: str, *, key_prefix: str = "servicedesk") -> dict:
    """CACHES on Redis, kept optional: servicedesk.cache.ResilientRedisCache answers like an
    empty cache while Redis is away, and short socket timeouts keep an unreachable server from
    holding a request (a page waits at most about a second, once per process and 5 seconds)."""
    return {
        "default": {
            "BACKEND": "servicedesk.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }


def embedded_celery(queue_dir: Path) -> dict:
    """Broker and result settings that need no server: kombu's filesystem transport.

    A real worker process reads the messages from the folder, so tasks are not run eagerly.
    """
    for sub in ("queue", "processed", "results", "control"):
        (queue_dir / sub).mkdir(parents=True, exist_ok=True)
    return {
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_BROKER_TRANSPORT_OPTIONS": {
            "data_folder_in": str(queue_dir / "queue"),
            "data_folder_out": str(queue_dir / "queue"),
            "processed_folder": str(queue_dir / "processed"),
            "control_folder": str(queue_dir / "control"),
            "store_processed": False,
        },
        "CELERY_RESULT_BACKEND": f"file://{queue_dir / 'results'}",
    }
