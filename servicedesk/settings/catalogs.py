"""For `make messages APP=…` only: one app's catalogs, written to that app's own locale/.

makemessages files every string under the first locale path that is a parent of its source, and
the project-wide locale/ (LOCALE_PATHS) is a parent of every app: run from an app's folder with
the usual settings, it wrote the app's strings into the project catalog and, with
--no-obsolete, dropped the project's own strings ("Log out") from it. With no LOCALE_PATHS the
only locale path is the app's own."""

from .local import *  # noqa: F403

LOCALE_PATHS: list = []
