"""Texts the system writes for people to read later — notifications, escalation reasons — are
stored as a message key and its parameters, never as a sentence, and put into words in the
reader's language when read.

Each app defines its messages once (``define``) in a module its ``AppConfig.ready()`` imports,
so a lower layer reads messages of higher apps without importing them. Parameters are JSON:
a plain value is shown as given (a number, a name, a person's own words); the helpers below
store values that are named differently in each language:

- ``choice(obj, "field")``: a choice's value, shown as its label;
- ``when(value)``: a date or a moment, shown in the reader's format (moments in local time);
- ``text(msgid)``: a fixed English text marked with ``gettext_noop``, shown translated.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.apps import apps
from django.utils import formats, timezone
from django.utils.translation import gettext

Renderer = Callable[[dict], tuple[str, str]]


@dataclass(frozen=True)
class Message:
    """A title and an optional body, lazy translations with ``%(name)s`` placeholders. With
    ``words``, the body is that parameter shown as given (a person's own words)."""

    title: object
    body: object = ""
    words: str = ""

    def __call__(self, params: dict) -> tuple[str, str]:
        values = localized(params)
        title = str(self.title) % values
        if self.words:
            body = str(params.get(self.words) or "")
        else:
            body = str(self.body) % values if self.body else ""
        return title, body


_MESSAGES: dict[str, Renderer] = {}


def define(key: str, renderer: Renderer | None = None, **message) -> str:
    """Register a message under ``key`` (``"<app>.<what>"``): a ``Message`` built from the
    keyword arguments, or any callable of the parameters returning (title, body). Returns
    the key, for the writer to pass."""
    _MESSAGES[key] = renderer or Message(**message)
    return key


def render(key: str, params: dict) -> tuple[str, str] | None:
    """(title, body) in the active language; None for a key no app defines (any more)."""
    renderer = _MESSAGES.get(key)
    if renderer is None:
        return None
    try:
        return renderer(params or {})
    except (KeyError, LookupError, TypeError, ValueError):
        # A row written with other parameters than the message now takes: the stored text.
        return None


# --- typed parameters -------------------------------------------------------------------------


def choice(obj, field: str) -> dict:
    meta = obj._meta
    return {"choice": f"{meta.app_label}.{meta.model_name}.{field}", "value": getattr(obj, field)}


def when(value: date | datetime) -> dict:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    return {"date": value.isoformat()}


def text(msgid: str) -> dict:
    return {"text": msgid}


def _choice_label(path: str, value) -> str:
    app_label, model_name, field = path.split(".")
    model = apps.get_model(app_label, model_name)
    return str(dict(model._meta.get_field(field).flatchoices).get(value, value))


def localized(params: dict) -> dict:
    """The parameters as the active language writes them."""
    out = {}
    for name, value in (params or {}).items():
        if isinstance(value, dict):
            if "choice" in value:
                value = _choice_label(value["choice"], value.get("value"))
            elif "datetime" in value:
                moment = datetime.fromisoformat(value["datetime"])
                value = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
            elif "date" in value:
                value = formats.date_format(date.fromisoformat(value["date"]), "DATE_FORMAT")
            elif "text" in value:
                value = gettext(value["text"])
        out[name] = value
    return out
