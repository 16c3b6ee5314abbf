"""Building inbound mail for the tests: a MIME message, and Mailgun's signed inbound POST."""

import hashlib
import hmac
import io
import time
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from django.utils import timezone
from PIL import Image

SIGNING_KEY = "mailgun-test-signing-key"
MAILGUN_URL = "/inbound/email/mailgun/inbound_mime/"


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="PNG")
    return out.getvalue()


def mime(
    *,
    sender="Mrs Zhou <zhou@example.com>",
    to="service@north.example",
    subject="About my car",
    text="When will it be ready?",
    message_id=None,
    in_reply_to="",
    attachments=(),
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(timezone.now())
    message["Message-ID"] = message_id or make_msgid(domain="mail.example.com")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    message.set_content(text)
    for name, content, maintype, subtype in attachments:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message


def mailgun_post(client, message: EmailMessage, *, key=SIGNING_KEY, token="tok-1"):
    """What Mailgun's route ``forward()`` posts for a raw-MIME URL, signed with ``key``."""
    timestamp = str(int(time.time()))
    signature = hmac.new(key.encode(), f"{timestamp}{token}".encode(), hashlib.sha256).hexdigest()
    return client.post(
        MAILGUN_URL,
        {
            "recipient": message["To"],
            "sender": message["From"],
            "timestamp": timestamp,
            "token": token,
            "signature": signature,
            "body-mime": message.as_string(),
        },
    )
