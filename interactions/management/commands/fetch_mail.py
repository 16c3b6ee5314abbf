"""Record the unseen messages of the shop's IMAP mailbox (``INBOUND_IMAP_URL``)."""

from django.core.management.base import BaseCommand

from interactions.mailbox import mailbox_fetch


class Command(BaseCommand):
    help = "Fetch unseen mail from INBOUND_IMAP_URL onto the communication log and the inbox."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="An IMAP URL instead of INBOUND_IMAP_URL.")
        parser.add_argument("--limit", type=int, default=200, help="At most this many a run.")

    def handle(self, *args, url=None, limit=200, **options):
        fetched = mailbox_fetch(url=url, limit=limit)
        self.stdout.write(
            f"{fetched.recorded} recorded, {fetched.duplicates} already recorded, "
            f"{fetched.failed} left for the next run"
        )
