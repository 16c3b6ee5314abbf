"""Backup and restore: the database and the uploaded files, in one timestamped archive.

``servicedesk-<UTC time>.tar.gz`` holds ``manifest.json`` (what is inside), ``database.dump``
(PostgreSQL: ``pg_dump --format=custom``) or ``database.sqlite3`` (SQLite: a consistent copy
made with SQLite's online backup), and ``media/`` (every uploaded file: signatures, photos).

Restore puts both back as they were at the backup: the database is replaced (``pg_restore
--clean`` in one transaction), and the media folder is replaced by the archive's copy.
"""

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils.connection import ConnectionDoesNotExist

FORMAT_VERSION = 1


class BackupError(Exception):
    pass


def _database(alias: str = "default") -> dict:
    return settings.DATABASES[alias]


def _engine(db: dict) -> str:
    engine = db["ENGINE"]
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(f"cannot back up a {engine} database")


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(
            db["PASSWORD"]
        )  # passed to the child only, never on its command line
    return args, env


def _run(command: list[str], env: dict) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")


def _sqlite_path(db: dict) -> Path:
    name = str(db["NAME"])
    if name in ("", ":memory:") or name.startswith("file:"):
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(name)


def _owner_only(path: Path):
    """A new file open for writing, readable by its owner only (0600) whatever the umask: an
    archive holds password hashes and API tokens."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a file left by an earlier run keeps its old mode through O_CREAT
    return os.fdopen(fd, "wb")


def backup(*, dest: Path, alias: str = "default") -> Path:
    """Write an archive of the database and the media files into ``dest``; return its path."""
    db = _database(alias)
    engine = _engine(db)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    dest.mkdir(parents=True, exist_ok=True)
    archive = dest / f"servicedesk-{stamp}.tar.gz"
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="servicedesk-backup-") as scratch:
        work = Path(scratch)
        if engine == "postgresql":
            args, env = _pg_env(db)
            dump = work / "database.dump"
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), *args], env)
            db_member = dump.name
        else:
            copy = work / "database.sqlite3"
            source = sqlite3.connect(_sqlite_path(db))
            target = sqlite3.connect(copy)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
            db_member = copy.name
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": stamp,
            "engine": engine,
            "database": db_member,
            "media_files": sum(1 for p in media.rglob("*") if p.is_file()) if media.exists() else 0,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        partial = archive.with_suffix(".partial")
        with _owner_only(partial) as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            tar.add(work / "manifest.json", arcname="manifest.json")
            tar.add(work / db_member, arcname=db_member)
            if media.exists():
                tar.add(media, arcname="media")
            else:
                info = tarfile.TarInfo("media")
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
        partial.rename(archive)  # never leave a half-written archive under the final name
    return archive


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or member.issym() or member.islnk():
            raise BackupError(f"refusing an unsafe archive member: {member.name}")
        members.append(member)
    return members


def restore(*, archive: Path, alias: str = "default") -> dict:
    """Replace the database and the media files with the archive's. Returns the manifest."""
    db = _database(alias)
    engine = _engine(db)
    with tempfile.TemporaryDirectory(prefix="servicedesk-restore-") as scratch:
        work = Path(scratch)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, members=_safe_members(tar), filter="data")
        manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"unknown archive format {manifest.get('format')!r}")
        if manifest["engine"] != engine:
            raise BackupError(
                f"the archive holds a {manifest['engine']} database; this site uses {engine}"
            )
        with contextlib.suppress(ConnectionDoesNotExist):
            connections[alias].close()  # pg_restore must not wait on our own locks
        if engine == "postgresql":
            args, env = _pg_env(db)
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    *args,
                    str(work / manifest["database"]),
                ],
                env,
            )
        else:
            source = sqlite3.connect(work / manifest["database"])
            target = sqlite3.connect(_sqlite_path(db))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        media = Path(settings.MEDIA_ROOT)
        staged = work / "media"
        if media.exists():
            shutil.rmtree(media)
        media.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(staged, media)
    return manifest
