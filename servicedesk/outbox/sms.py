"""Text-message backends. ``settings.SMS_BACKEND`` names the class; the default writes the
message to the log, like Django's console email backend.

A backend's ``send`` returns the provider's message id (or "") and raises ``SmsError`` when
the message was not accepted: the delivery task retries it with back-off."""

import logging
import sys

import requests
from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("servicedesk.sms")


class SmsError(Exception):
    pass


class BaseSmsBackend:
    def send(self, *, to: str, body: str) -> str:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Writes the message to standard output and the log (the `make run` default)."""

    def send(self, *, to: str, body: str) -> str:
        sys.stdout.write(f"SMS to {to}:\n{body}\n{'-' * 40}\n")
        sys.stdout.flush()
        log.info("sms to %s: %s", to, body)
        return ""


# Tests read what was sent here, like django.core.mail.outbox.
outbox: list[dict] = []


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str) -> str:
        outbox.append({"to": to, "body": body})
        return f"locmem-{len(outbox)}"


class HttpSmsBackend(BaseSmsBackend):
    """A provider's HTTP API: POST JSON ``{"from", "to", "text"}`` to ``SMS_HTTP_URL`` with
    ``Authorization: Bearer SMS_HTTP_TOKEN``; any 2xx answer is accepted, its JSON ``id``
    kept. Most gateways take this shape or a thin adapter of it."""

    timeout = 10

    def __init__(self, *, url: str | None = None, token: str | None = None, sender=None):
        self.url = url or settings.SMS_HTTP_URL
        self.token = token or settings.SMS_HTTP_TOKEN
        self.sender = sender or settings.SMS_HTTP_SENDER
        if not self.url:
            raise SmsError("SMS_HTTP_URL is not set.")

    def send(self, *, to: str, body: str) -> str:
        try:
            response = requests.post(
                self.url,
                json={"from": self.sender, "to": to, "text": body},
                headers={"Authorization": f"Bearer {self.token}"},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise SmsError(f"{type(exc).__name__}: {exc}") from exc
        if not 200 <= response.status_code < 300:
            raise SmsError(f"HTTP {response.status_code}: {response.text[:200]}")
        try:
            return str(response.json().get("id", ""))
        except ValueError:
            return ""


def get_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()
