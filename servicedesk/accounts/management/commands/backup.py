from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from servicedesk.backup import BackupError, backup


class Command(BaseCommand):
    help = "Archive the database and the uploaded files into a timestamped .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dest",
            default=str(Path(settings.VAR_DIR) / "backups"),
            help="Folder for the archive (default: var/backups).",
        )

    def handle(self, *args, dest, **options):
        try:
            archive = backup(dest=Path(dest))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(str(archive))
