"""`make backup` / `make restore`: the database and the uploaded files, there and back."""

import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

from complaints.models import Complaint, ComplaintHistory
from servicedesk.backup import BackupError, backup, restore
from tests.complaints.factories import ComplaintFactory

quiet = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def test_make_backup_and_restore_call_the_commands():
    dry = subprocess.run(
        ["make", "-n", "backup", "restore", "ARCHIVE=x.tar.gz"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "manage.py backup --dest var/backups" in dry
    assert "manage.py restore --yes x.tar.gz" in dry


@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_the_records_and_the_files(shop, advisor, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump and pg_restore need PostgreSQL")
    kept = ComplaintFactory(shop=shop, user=advisor, customer_words="Kept by the backup")
    kept.confirmation_signature.save("kept.png", ContentFile(b"signature bytes"), save=True)
    signature = Path(kept.confirmation_signature.path)
    history = ComplaintHistory.objects.filter(complaint=kept).count()

    call_command("backup", dest=str(tmp_path))
    (archive,) = tmp_path.glob("servicedesk-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert {"manifest.json", "database.dump"} <= set(names)
    assert any(n.startswith("media/signatures/") for n in names)

    ComplaintFactory(shop=shop, user=advisor, customer_words="Made after the backup")
    signature.unlink()

    call_command("restore", str(archive), yes=True)
    assert list(Complaint.objects.values_list("customer_words", flat=True)) == [
        "Kept by the backup"
    ]
    assert ComplaintHistory.objects.filter(complaint=kept).count() == history
    assert signature.read_bytes() == b"signature bytes"
    # The append-only trigger came back with the schema.
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM complaints_complainthistory")


@quiet
@pytest.mark.smoke
def test_a_sqlite_backup_restores_the_file_and_the_media(settings, tmp_path):
    db_file = tmp_path / "site.sqlite3"
    with sqlite3.connect(db_file) as db:
        db.execute("CREATE TABLE note (text TEXT)")
        db.execute("INSERT INTO note VALUES ('before')")
    db.close()
    media = tmp_path / "media"
    (media / "inspections").mkdir(parents=True)
    (media / "inspections" / "photo.jpg").write_bytes(b"photo")
    settings.MEDIA_ROOT = media
    settings.DATABASES = {
        **settings.DATABASES,
        "scratch": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db_file)},
    }

    archive = backup(dest=tmp_path / "backups", alias="scratch")
    with sqlite3.connect(db_file) as db:
        db.execute("UPDATE note SET text = 'after'")
    db.close()
    (media / "inspections" / "photo.jpg").unlink()
    (media / "stray.txt").write_text("made later")

    manifest = restore(archive=archive, alias="scratch")
    assert manifest["engine"] == "sqlite" and manifest["media_files"] == 1
    with sqlite3.connect(db_file) as db:
        assert db.execute("SELECT text FROM note").fetchall() == [("before",)]
    db.close()
    assert (media / "inspections" / "photo.jpg").read_bytes() == b"photo"
    assert not (media / "stray.txt").exists()


@quiet
@pytest.mark.smoke
def test_an_archive_of_another_engine_is_refused(settings, tmp_path):
    db_file = tmp_path / "site.sqlite3"
    sqlite3.connect(db_file).close()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATABASES = {
        **settings.DATABASES,
        "scratch": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db_file)},
        "pg": {"ENGINE": "django.db.backends.postgresql", "NAME": "nowhere"},
    }
    archive = backup(dest=tmp_path, alias="scratch")
    with pytest.raises(BackupError, match="sqlite"):
        restore(archive=archive, alias="pg")


@quiet
@pytest.mark.smoke
def test_an_archive_is_readable_by_its_owner_only(settings, tmp_path):
    """It holds password hashes and API tokens: 0600 whatever the umask says."""
    import os
    import stat

    db_file = tmp_path / "site.sqlite3"
    sqlite3.connect(db_file).close()
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATABASES = {
        **settings.DATABASES,
        "scratch": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db_file)},
    }
    saved = os.umask(0o022)  # the usual umask: a plain open() writes 0644
    try:
        archive = backup(dest=tmp_path / "backups", alias="scratch")
    finally:
        os.umask(saved)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
