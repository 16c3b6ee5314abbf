"""Fill Chinese translations into the zh_Hans catalogs from a JSON file of {msgid: msgstr}.

    .venv/bin/python scripts/translate.py translations.json

Entries already translated are left alone unless --force is given. Handy after `make messages`
when many strings were added at once; single strings are easier to edit in the .po directly.
"""

import argparse
import json
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("json_file")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    table = json.loads(Path(args.json_file).read_text(encoding="utf-8"))
    left = set()
    for po_path in ROOT.rglob("locale/zh_Hans/LC_MESSAGES/django.po"):
        if ".venv" in po_path.parts:
            continue
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.obsolete:
                continue
            done = entry.translated() and "fuzzy" not in entry.flags
            if done and not args.force:
                continue
            if entry.msgid in table:
                value = table[entry.msgid]
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: value}
                else:
                    entry.msgstr = value
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            else:
                left.add(entry.msgid)
        po.save()
    for msgid in sorted(left):
        print("untranslated:", msgid)


if __name__ == "__main__":
    main()
