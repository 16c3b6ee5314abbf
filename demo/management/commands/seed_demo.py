from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import (
    accounts,
    canned_replies,
    complaints,
    history,
    inbound,
    interactions,
    portal,
    reports,
    surveys,
    vehicles,
)
from servicedesk.dates import writing_history

# Each layer's demo module, in layer order; each takes the context the ones below built.
DEMO_MODULES = [
    vehicles,
    interactions,
    canned_replies,
    complaints,
    inbound,
    history,
    surveys,
    portal,
    reports,
]


class Command(BaseCommand):
    help = "Create the demo shops, staff and records (local and demo settings only). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins-only",
            action="store_true",
            help="Print the demo logins and customer's link; change nothing.",
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Print neither (`make run` prints them under the server's banner).",
        )

    def handle(self, *args, **options):
        if options["logins_only"]:
            self._print_logins()
            return
        if not getattr(settings, "SEED_DEMO_ALLOWED", False):
            raise CommandError(
                "seed_demo only runs under the local or test settings: it creates users whose "
                "password is 'demo'."
            )
        # The demo's past is history: what it sent then is recorded as sent then, not sent now
        # (today's records, written without a moment, send as usual).
        with writing_history():
            ctx = accounts.seed()
            for module in DEMO_MODULES:
                module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if not options["no_logins"]:
            self._print_logins()

    def _print_logins(self):
        """The logins and the demo customer's link, whose URL starts with the SITE_URL of this
        run: `make run` calls it once the server answers, at the address it serves."""
        self.stdout.write("Logins (password 'demo'):")
        for username, password, where in accounts.logins():
            self.stdout.write(f"  {username:<12} {password:<6} {where}")
        url = portal.shown_link_url()
        if url:
            self.stdout.write(f"A customer's link (open it on a phone): {url}")
