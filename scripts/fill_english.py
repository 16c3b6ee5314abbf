"""The English catalogs: every msgstr is its msgid (the source strings are English), so the
`en` catalogs are complete without hand work. Run by `make messages`."""

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

for po_path in ROOT.rglob("locale/en/LC_MESSAGES/*.po"):
    if ".venv" in po_path.parts:
        continue
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
