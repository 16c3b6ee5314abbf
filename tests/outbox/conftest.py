import pytest

from servicedesk.outbox import sms


@pytest.fixture(autouse=True)
def _clean_sms_outbox(sms_outbox):
    return sms_outbox


class BrokenSmsBackend(sms.BaseSmsBackend):
    """A provider that refuses everything, as a real one does when its token is wrong."""

    def send(self, *, to, body):
        raise sms.SmsError("HTTP 401: bad token")


@pytest.fixture
def sms_down(settings):
    settings.SMS_BACKEND = "tests.outbox.conftest.BrokenSmsBackend"


@pytest.fixture
def email_down(settings):
    # Nothing listens on port 1: a real refused SMTP connection.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_TIMEOUT = 2
