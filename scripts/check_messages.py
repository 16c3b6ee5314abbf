"""Fail when a user-facing string is missing from the Chinese catalog or left untranslated.

Extracts the strings afresh with `makemessages` into a scratch copy of the catalogs, so a
string added to the code without a translation is caught even if nobody ran `make messages`.
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "staticfiles"}


def main() -> int:
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "tree"
        shutil.copytree(
            ROOT,
            copy,
            ignore=shutil.ignore_patterns(".venv", ".git", "staticfiles", "var", "node_modules"),
        )
        subprocess.run(
            [
                str(ROOT / ".venv/bin/python"),
                "manage.py",
                "makemessages",
                "-l",
                "zh_Hans",
                "--no-location",
                "--no-obsolete",
                "-i",
                "staticfiles/*",
                "-i",
                "tests/*",
                "-i",
                "bench/*",
                "-v",
                "0",
            ],
            cwd=copy,
            check=True,
        )
        for po_path in sorted(copy.rglob("locale/zh_Hans/LC_MESSAGES/django.po")):
            if SKIP & set(po_path.relative_to(copy).parts):
                continue
            po = polib.pofile(str(po_path))
            rel = po_path.relative_to(copy)
            for entry in po:
                if entry.obsolete:
                    continue
                if not entry.translated() or "fuzzy" in entry.flags:
                    problems.append(f"{rel}: untranslated {entry.msgid!r}")
    for line in problems:
        print(line)
    print(f"{len(problems)} untranslated string(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
