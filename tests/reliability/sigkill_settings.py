"""Settings of the worker processes that test_worker_killed.py starts (never of the site).

The test settings, plus: emails written to files in SIGKILL_TEST_DIR (a record that outlives a
killed worker), a broker visibility timeout of a few seconds (below the minimum the environment
allows, so a message whose worker died is redelivered within the test), and, when
SIGKILL_TEST_BLOCK_AT is set, the hook in sigkill_hook.py that stops the job in the middle (with
SIGKILL_TEST_REPORT_BLOCK=1, report_hook.py, which stops an annual-statistics job at 50 %).

SIGKILL_TEST_ACKS_LATE=off or SIGKILL_TEST_REJECT_ON_WORKER_LOST=off switch the project's setting
off in these workers only, to watch test_worker_killed.py fail without it."""

import os

from servicedesk.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["SIGKILL_TEST_DIR"]
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 5,  # longer than any task of the test takes on the second worker
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
if os.environ.get("SIGKILL_TEST_BLOCK_AT"):
    CELERY_IMPORTS = ["tests.reliability.sigkill_hook"]
if os.environ.get("SIGKILL_TEST_REPORT_BLOCK"):
    CELERY_IMPORTS = ["tests.reliability.report_hook"]
if os.environ.get("SIGKILL_TEST_ACKS_LATE") == "off":
    CELERY_TASK_ACKS_LATE = False
if os.environ.get("SIGKILL_TEST_REJECT_ON_WORKER_LOST") == "off":
    CELERY_TASK_REJECT_ON_WORKER_LOST = False
