from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from servicedesk.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those of a backup archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="An archive written by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: the current data is replaced."
        )

    def handle(self, *args, archive, yes, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"{archive}: no such archive")
        if not yes:
            answer = input(f"Replace the database and media files with {path.name}? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("Nothing restored.")
        try:
            manifest = restore(archive=path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"restored {manifest['engine']} database and {manifest['media_files']} media file(s) "
            f"from {manifest['created_at']}"
        )
