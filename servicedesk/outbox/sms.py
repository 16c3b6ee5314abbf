"""Text-message backends. ``settings.SMS_BACKEND`` names the class; the default writes the
message to the log, like Django's console email backend.

A backend's ``send`` returns the provider's message id (or "") and raises ``SmsError`` when
the message was not accepted: the delivery task retries it with back-off."""

import hashlib
import hmac
import json
import logging
import sys
from dataclasses import dataclass

import requests
from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("servicedesk.sms")


class SmsError(Exception):
    pass


@dataclass(frozen=True)
class InboundSms:
    """A text message a customer sent, as the provider reported it."""

    id: str
    sender: str
    to: str
    text: str


class SmsSignatureError(SmsError):
    pass


SIGNATURE_HEADER = "X-Signature"


class BaseSmsBackend:
    def send(self, *, to: str, body: str) -> str:
        raise NotImplementedError

    def parse_inbound(self, *, body: bytes, headers) -> list[InboundSms]:
        """The messages of one inbound webhook call. The default reads the shape the HTTP
        backend sends, signed with ``SMS_INBOUND_SECRET``: ``X-Signature`` is the hex
        HMAC-SHA256 of the body; the body JSON ``{"id", "from", "to", "text"}`` or a list of
        them. SmsSignatureError when the signature is missing or wrong (nothing is read),
        SmsError when the body is not of that shape."""
        secret = settings.SMS_INBOUND_SECRET
        if not secret:
            raise SmsSignatureError("SMS_INBOUND_SECRET is not set.")
        if not hmac.compare_digest(sign_inbound(body, secret), headers.get(SIGNATURE_HEADER, "")):
            raise SmsSignatureError("The signature does not match.")
        try:
            data = json.loads(body)
            items = data if isinstance(data, list) else [data]
            return [
                InboundSms(
                    id=str(item["id"]),
                    sender=str(item["from"]),
                    to=str(item.get("to", "")),
                    text=str(item.get("text", "")),
                )
                for item in items
            ]
        except (ValueError, KeyError, TypeError) as exc:
            raise SmsError(f"Not an inbound message: {exc}") from exc


def sign_inbound(body: bytes, secret: str) -> str:
    """The signature a provider (or a test) puts in ``X-Signature``."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


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
