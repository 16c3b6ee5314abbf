"""Reading the shop's mailbox over IMAP (``manage.py fetch_mail`` and its scheduled job).

Each unseen message is handed, raw, to ``inbound_email_receive`` and marked Seen only once it
is recorded: a run that crashes half-way leaves the rest unseen, and the next run fetches them
again (a message recorded before is recognised by its Message-ID and recorded once).
"""

import contextlib
import imaplib
import logging
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .services.inbound import inbound_email_receive

log = logging.getLogger("servicedesk.inbound")

BAD_URL = "INBOUND_IMAP_URL must be imap:// or imaps://user:password@host[:port][/mailbox]."


@dataclass(frozen=True)
class Fetched:
    recorded: int = 0  # new messages
    duplicates: int = 0  # seen before (another delivery of the same message)
    failed: int = 0  # left unseen for the next run


def _connect(url: str) -> tuple[imaplib.IMAP4, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname or not parts.username:
        raise ImproperlyConfigured(BAD_URL)
    secure = parts.scheme == "imaps"
    port = parts.port or (993 if secure else 143)
    client_class = imaplib.IMAP4_SSL if secure else imaplib.IMAP4
    client = client_class(parts.hostname, port, timeout=30)
    client.login(unquote(parts.username), unquote(parts.password or ""))
    return client, unquote(parts.path.lstrip("/")) or "INBOX"


def mailbox_fetch(*, url: str | None = None, limit: int = 200) -> Fetched:
    """Record the unseen messages of the mailbox at ``url`` (``INBOUND_IMAP_URL``), at most
    ``limit`` a run. No URL: nothing to do."""
    url = url if url is not None else settings.INBOUND_IMAP_URL
    if not url:
        return Fetched()
    client, mailbox = _connect(url)
    recorded = duplicates = failed = 0
    try:
        client.select(mailbox)
        _status, found = client.uid("SEARCH", None, "UNSEEN")
        for uid in (found[0] or b"").split()[:limit]:
            _status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next((part[1] for part in data if isinstance(part, tuple)), None)
            if raw is None:
                continue
            try:
                _message, new = inbound_email_receive(message=raw, provider="imap", provider_id="")
            except Exception:  # one bad message must not stop the others; it stays unseen
                log.exception("inbound mail %s could not be recorded", uid)
                failed += 1
                continue
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
            recorded, duplicates = recorded + new, duplicates + (not new)
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return Fetched(recorded=recorded, duplicates=duplicates, failed=failed)
