"""Imported only by a worker started with tests/reliability/sigkill_settings.py and
SIGKILL_TEST_REPORT_BLOCK=1: the first annual-statistics job this worker computes reports 50 %,
writes the blocked process's pid to a marker file and blocks until the test kills the process.
Once only (the marker exists then): the child that replaces the killed one computes to the end."""

import os
import time
from pathlib import Path

from reports import services

MARKER = Path(os.environ["SIGKILL_TEST_DIR"]) / "blocked"
_real_compute = services.compute_annual


def _block_the_first(shop_id, year, *, now=None, progress=None):
    if not MARKER.exists():
        progress(50)
        written = MARKER.with_suffix(".tmp")
        written.write_text(str(os.getpid()))
        written.rename(MARKER)  # whole, so the test never reads half a pid
        for _ in range(600):  # the test sends SIGKILL long before this runs out
            time.sleep(0.1)
        raise RuntimeError("the test did not kill this worker")
    return _real_compute(shop_id, year, now=now, progress=progress)


services.compute_annual = _block_the_first
