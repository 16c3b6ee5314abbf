"""Strict reading of the environment.

Every value that comes from the environment goes through one of these helpers, so a bad value
stops the process at start with a message that names the variable, instead of being read as a
default. A secret may also be given as ``NAME_FILE``: the path of a file that holds it.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

env = environ.Env()

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}
_UNSET = object()
# SQLite holding a shop's counter (the embedded default): the web server's threads and the
# worker's processes write the same file. WAL lets readers go on while one writes; IMMEDIATE
# transactions take the write lock when they begin, so a transaction never reads, then fails
# with "database is locked" when it comes to write (SQLite cannot upgrade a stale read lock,
# and waits for nobody then); the timeout is how long a writer queues for the lock (seconds).
SQLITE_CONCURRENCY = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
KNOWN_DB_ENGINES = {
    "django.db.backends.postgresql",
    "django.db.backends.sqlite3",
}


def _raw(name: str, default=_UNSET) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name!r}: {exc}") from exc
    value = os.environ.get(name)
    if value is None:
        if default is _UNSET:
            raise ImproperlyConfigured(f"{name}: this environment variable is required.")
        return default
    return value


def env_str(name: str, default=_UNSET) -> str | None:
    return _raw(name, default)


def env_bool(name: str, default: bool | object = _UNSET) -> bool:
    value = _raw(name, default)
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}: {value!r} is not a boolean (use one of {sorted(TRUE_WORDS | FALSE_WORDS)})."
    )


def env_int(name: str, default: int | object = _UNSET, *, minimum: int | None = None) -> int:
    value = _raw(name, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"{name}: {value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}: {number} is below the minimum {minimum}.")
    return number


def env_list(name: str, default: list[str] | object = _UNSET) -> list[str]:
    value = _raw(name, default)
    if isinstance(value, list):
        return value
    return [item.strip() for item in str(value).split(",") if item.strip()]


def env_db(name: str, default: str | object = _UNSET) -> dict:
    value = _raw(name, default)
    try:
        config = env.db_url_config(value)
    except Exception as exc:  # environ raises several types for a malformed URL
        raise ImproperlyConfigured(f"{name}: {value!r} is not a database URL ({exc}).") from None
    if config.get("ENGINE") not in KNOWN_DB_ENGINES:
        raise ImproperlyConfigured(
            f"{name}: {value!r} is not a PostgreSQL or SQLite URL "
            "(postgres://user:password@host:port/name or sqlite:////absolute/path)."
        )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_CONCURRENCY, **config.get("OPTIONS", {})}
    if config["ENGINE"] == "django.db.backends.postgresql":
        # No JIT: the annual statistics' aggregates cross PostgreSQL's jit_above_cost by their
        # estimates, then spend 40 ms compiling a query that runs in 50 ms.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config


def behind_pgbouncer(config: dict, name: str) -> dict:
    """``config`` (from env_db) made fit for PgBouncer in transaction mode, in place: no
    server-side cursors, and no startup options. PgBouncer refuses a startup parameter it does
    not track (or silently drops it where told to ignore it), so the ``-c jit=off`` env_db adds
    is left to the role (``ALTER ROLE … SET jit = off``); any other option in the URL is refused
    here, by ``name``, rather than lost."""
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"{name}: PgBouncer pools PostgreSQL connections only.")
    config["DISABLE_SERVER_SIDE_CURSORS"] = True
    options = config.get("OPTIONS", {})
    words = options.pop("options", "").split()
    settings = [word for word in words if word != "-c"]
    if [s for s in settings if s != "jit=off"]:
        raise ImproperlyConfigured(
            f"{name}: the options {' '.join(words)!r} would not reach the server through "
            "PgBouncer: set them on the role instead (ALTER ROLE … SET …)."
        )
    return config


def env_url(name: str, default: str | object = _UNSET, *, schemes: tuple[str, ...]) -> str | None:
    value = _raw(name, default)
    if value is None:
        return None
    scheme = str(value).split("://", 1)[0] if "://" in str(value) else ""
    if scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name}: {value!r} must be a URL starting with one of {', '.join(schemes)}."
        )
    return value
