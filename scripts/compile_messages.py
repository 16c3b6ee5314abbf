"""Compile every .po catalog of the project into its .mo, with polib (no gettext binaries
needed, so a fresh machine can run `make run` without system packages)."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "node_modules", "staticfiles"}


def catalogs():
    for po_path in ROOT.rglob("locale/*/LC_MESSAGES/*.po"):
        if not SKIP & set(po_path.relative_to(ROOT).parts):
            yield po_path


def main() -> int:
    count = 0
    for po_path in catalogs():
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        count += 1
    print(f"compiled {count} message catalog(s)")
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main())
