"""Resolve a git merge conflict in .po catalogs: the union of both sides' entries.

    .venv/bin/python scripts/merge_po.py path/to/django.po [...]

Run during a conflicted merge; it reads stage 2 (ours) and stage 3 (theirs) from the index,
keeps every entry of either side (a translation beats an empty one), writes the file and
`git add`s it. Afterwards `make messages APP=…` drops entries no code uses any more.
"""

import subprocess
import sys
import tempfile

import polib


def _stage(path: str, n: int) -> polib.POFile | None:
    result = subprocess.run(["git", "show", f":{n}:{path}"], capture_output=True, text=True)
    if result.returncode != 0:
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".po", delete=False, encoding="utf-8") as tmp:
        tmp.write(result.stdout)
    return polib.pofile(tmp.name)


def merge(path: str) -> None:
    ours, theirs = _stage(path, 2), _stage(path, 3)
    base = ours or theirs
    if base is None:
        raise SystemExit(f"{path}: not in conflict")
    if ours is not None and theirs is not None:
        for entry in theirs:
            mine = ours.find(entry.msgid, msgctxt=entry.msgctxt)
            if mine is None:
                ours.append(entry)
            elif not mine.translated() and entry.translated():
                mine.msgstr, mine.msgstr_plural, mine.flags = (
                    entry.msgstr,
                    entry.msgstr_plural,
                    entry.flags,
                )
    base.save(path)
    subprocess.run(["git", "add", path], check=True)
    print(f"merged {path}: {len(base)} entries")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        merge(arg)
