from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from servicedesk.accounts import demo

# Each layer's demo module, in layer order; each takes the context the ones below built.
DEMO_MODULES = [
    "vehicles.demo",
    "interactions.demo",
    "complaints.demo",
    "servicedesk.reports.demo_history",
    "surveys.demo",
    "servicedesk.reports.demo",
]


class Command(BaseCommand):
    help = "Create the demo shops, staff and records (local and demo settings only). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--logins-only", action="store_true", help="Print the demo logins and change nothing."
        )
        parser.add_argument(
            "--no-logins",
            action="store_true",
            help="Do not print the logins (`make run` prints them under the server's banner).",
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
        ctx = demo.seed()
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            module.seed(ctx)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        if not options["no_logins"]:
            self._print_logins()

    def _print_logins(self):
        self.stdout.write("Logins (password 'demo'):")
        for username, password, where in demo.logins():
            self.stdout.write(f"  {username:<12} {password:<6} {where}")
