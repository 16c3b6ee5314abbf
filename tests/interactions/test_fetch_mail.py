"""``manage.py fetch_mail`` against a real IMAP server (issue 16): Debian's dovecot, started by
the test on a free port with a mailbox in a temporary folder. Messages are delivered by IMAP
APPEND, fetched, recorded once, and marked Seen only once recorded."""

import getpass
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from interactions.models import InboundAddress, InboundMessage, InboundStatus
from tests.vehicles.factories import CustomerFactory

from .inbound_mail import mime

DOVECOT = "/usr/sbin/dovecot"
USER, PASSWORD = "shop", "secret-pw"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.path.exists(DOVECOT),
        reason="Debian's dovecot-imapd is not installed (apt-get install dovecot-imapd)",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def imap_server():
    """A dovecot of its own: plain IMAP on 127.0.0.1, one passwd-file user, maildir in tmp.
    Not in pytest's tmp_path: its parents are closed to dovecot's unprivileged processes."""
    with tempfile.TemporaryDirectory(prefix="servicedesk-dovecot-") as folder:
        yield from _dovecot(Path(folder))


def _dovecot(tmp_path: Path):
    port = _free_port()
    root = tmp_path / "dovecot"
    (root / "run").mkdir(parents=True)
    mail = root / "mail"
    mail.mkdir()
    if os.getuid() == 0:  # dovecot will not give mail access to root: its own user keeps it
        owner = pwd.getpwnam("dovecot")
        shutil.chown(mail, owner.pw_uid, owner.pw_gid)
        os.chmod(root, 0o755)
        os.chmod(tmp_path, 0o755)
        users = ""
        uid, gid = owner.pw_uid, owner.pw_gid
    else:
        me = getpass.getuser()
        users = f"default_internal_user = {me}\ndefault_login_user = {me}\n"
        uid, gid = os.getuid(), os.getgid()
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    config = root / "dovecot.conf"
    config.write_text(
        f"""protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = {min(uid, 100)}
mail_location = maildir:{mail}/%u
{users}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={mail}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
"""
    )
    process = subprocess.Popen(
        [DOVECOT, "-F", "-c", str(config)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        for _ in range(100):
            try:  # ready once a login goes through (auth starts after the listener)
                client = imaplib.IMAP4("127.0.0.1", port, timeout=2)
                client.login(USER, PASSWORD)
                client.logout()
                break
            except (OSError, imaplib.IMAP4.error):
                if process.poll() is not None:
                    out = process.stdout.read().decode()
                    log = (
                        (root / "dovecot.log").read_text()
                        if (root / "dovecot.log").exists()
                        else ""
                    )
                    pytest.fail(f"dovecot did not start: {out}\n{log}")
                time.sleep(0.1)
        yield f"imap://{USER}:{PASSWORD}@127.0.0.1:{port}/INBOX"
    finally:
        process.terminate()
        process.wait(timeout=10)


def append(url, *messages):
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    client = imaplib.IMAP4("127.0.0.1", port)
    client.login(USER, PASSWORD)
    for message in messages:
        client.append("INBOX", None, None, message.as_bytes())
    client.logout()


def unseen(url) -> int:
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    client = imaplib.IMAP4("127.0.0.1", port)
    client.login(USER, PASSWORD)
    client.select("INBOX")
    _status, found = client.search(None, "UNSEEN")
    client.logout()
    return len(found[0].split())


def fetch(url) -> str:
    out = StringIO()
    call_command("fetch_mail", url=url, stdout=out)
    return out.getvalue()


def test_fetch_mail_records_the_mailbox_once_and_marks_it_seen(imap_server, shop, manager):
    InboundAddress.objects.create(shop=shop, address="service@north.example")
    zhou = CustomerFactory(shop=shop, name="Mrs Zhou", email="zhou@example.com")
    known, stranger = mime(text="Is it ready?"), mime(sender="who@example.net", text="Hello")
    append(imap_server, known, stranger)
    assert unseen(imap_server) == 2
    assert fetch(imap_server).startswith("2 recorded")
    assert unseen(imap_server) == 0
    filed = InboundMessage.objects.get(customer=zhou)
    assert (filed.provider, filed.status, filed.communication.summary) == (
        "imap",
        InboundStatus.FILED,
        "About my car\n\nIs it ready?",
    )
    assert InboundMessage.objects.get(sender="who@example.net").status == InboundStatus.INBOX
    assert fetch(imap_server).startswith("0 recorded")


def test_the_same_message_delivered_twice_is_recorded_once(imap_server, shop, manager):
    InboundAddress.objects.create(shop=shop, address="service@north.example")
    message = mime(text="Twice")
    append(imap_server, message, message)
    assert "1 recorded, 1 already recorded" in fetch(imap_server)
    assert InboundMessage.objects.count() == 1
    assert unseen(imap_server) == 0


def test_a_message_that_fails_stays_unseen_for_the_next_run(imap_server, shop, monkeypatch):
    from interactions import mailbox

    append(imap_server, mime(text="Later"))

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(mailbox, "inbound_email_receive", broken)
    assert "1 left for the next run" in fetch(imap_server)
    assert unseen(imap_server) == 1
    monkeypatch.undo()
    assert fetch(imap_server).startswith("1 recorded")
