"""CI cannot run inside the suite: keep .ci/run honest by reading it."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.smoke


def _steps() -> list[str]:
    """The script's steps (from one `echo "== …"` to the next) that run `make test`."""
    text = (settings.BASE_DIR / ".ci" / "run").read_text()
    return [step for step in text.split('echo "== ') if "make test" in step]


def test_the_browser_journeys_run_on_postgresql_and_on_a_sqlite_file():
    browser_steps = [s for s in _steps() if re.search(r"-m '?(smoke or )?browser\b", s)]
    databases = {
        "postgresql" if "postgres://" in s else "sqlite file" if "sqlite:///" in s else "?"
        for s in browser_steps
    }
    assert databases == {"postgresql", "sqlite file"}, browser_steps


def test_every_step_has_a_time_limit():
    steps = _steps()
    assert len(steps) >= 3
    for step in steps:
        assert re.search(r"timeout --kill-after=\d+ \d+ make test", step), step
