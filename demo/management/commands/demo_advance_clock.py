"""Run every reminder job as of a later time, for the demo: deliver a work order, then
``manage.py demo_advance_clock --days 3`` and its survey goes out (the worker of `make run`
prints the email or text message). Nothing else is moved: records keep their real times."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from complaints import reminders as complaint_reminders
from interactions import reminders as interaction_reminders
from surveys import services as survey_services
from vehicles.services import reminders as vehicle_reminders

JOBS = [
    ("satisfaction surveys", survey_services.surveys_send_due),
    ("complaint follow-ups", complaint_reminders.remind_follow_ups),
    ("overdue escalations", complaint_reminders.escalate_overdue),
    ("declined inspection work", vehicle_reminders.inspection_reminders_send),
    ("next visits", interaction_reminders.remind_next_visits),
]


class Command(BaseCommand):
    help = "Demo only: run the reminder jobs as of N days (and hours) from now."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=float, default=0)
        parser.add_argument("--hours", type=float, default=0)

    def handle(self, *args, **options):
        if not getattr(settings, "SEED_DEMO_ALLOWED", False):
            raise CommandError("demo_advance_clock only runs under the local or test settings.")
        delta = timedelta(days=options["days"], hours=options["hours"])
        if delta < timedelta(0):
            raise CommandError("The demo clock only moves forward.")
        now = timezone.now() + delta
        self.stdout.write(f"Running the jobs as of {timezone.localtime(now):%Y-%m-%d %H:%M %Z}")
        for label, job in JOBS:
            self.stdout.write(f"  {label}: {job(now=now)}")
        self.stdout.write(
            "Messages are queued: the worker of `make run` sends them (the console shows them)."
        )
