"""Imported only by a worker started with tests/reliability/sigkill_settings.py and
SIGKILL_TEST_BLOCK_AT=N: the Nth survey this process creates blocks its job, inside that work
order's transaction, after writing the blocked process's pid to a marker file, until the test
kills the process. Once only: a prefork worker forks its replacement child from a parent that
has created nothing, and that child must run the redelivered job to its end."""

import os
import time
from pathlib import Path

from django.db.models.signals import post_save

BLOCK_AT = int(os.environ["SIGKILL_TEST_BLOCK_AT"])
MARKER = Path(os.environ["SIGKILL_TEST_DIR"]) / "blocked"
_created = 0


def _block_the_nth(sender, instance, created, **kwargs):
    global _created
    if not created or MARKER.exists():
        return
    _created += 1
    if _created != BLOCK_AT:
        return
    written = MARKER.with_suffix(".tmp")
    written.write_text(str(os.getpid()))
    written.rename(MARKER)  # whole, so the test never reads half a pid
    for _ in range(600):  # the test sends SIGKILL long before this runs out
        time.sleep(0.1)
    raise RuntimeError("the test did not kill this worker")


post_save.connect(_block_the_nth, sender="surveys.Survey", weak=False, dispatch_uid="sigkill")
