"""Reads of the reports from a read replica; every other read and every write on the primary.

Production has a second database alias, ``replica``, when ``DATABASE_REPLICA_URL`` is set
(servicedesk/settings/production.py); without it there is one database and this module changes
nothing. Which reads may go there is said by the code that reads, not guessed from a model: the
reports' figures read the complaints', vehicles' and interactions' tables, which every other
page reads too, and only the reports tolerate the second or so a replica may lag. So:

- A read goes to the replica only inside ``with reading_from_replica():``. The reports'
  selectors and jobs open it around their figures (reports/selectors.py, reports/services.py).
  Outside it, and wherever no replica is configured, everything reads the primary.
- Even inside it, a read stays on the primary while a transaction is open on the primary
  (``connection.in_atomic_block``): what the transaction wrote or locked is not on the replica
  yet, and a read in a transaction must see the same snapshot as its writes.
- And a read of a table that the current request or task has written stays on the primary: the
  router notes each model it routes a write for (``db_for_write``); the note is a context
  variable, emptied when a request starts and when a Celery task starts, so it belongs to one
  unit of work and never leaks into the next one served by the same process. It is kept per
  model rather than as one flag because a report job writes its own bookkeeping (the job's
  progress, ``reports.ReportJob``) while it reads the figures, which it never wrote; a
  request that wrote a complaint and then reads complaints reads them from the primary.
  A join reads the tables of the query's model and its relations; only the query's own model
  is checked, which is enough for the reports (they write none of the tables they read).

Writes always go to the primary, migrations run only there (the replica copies them), and a
relation between objects read from either alias is allowed: they are the same database.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token

from celery.signals import task_postrun, task_prerun
from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)
_written: ContextVar[frozenset[str]] = ContextVar("written", default=frozenset())


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Reads inside go to the replica where one is configured, but for those that must see
    the primary (see the module's docstring). Nests; a no-op without a replica."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def forget_writes(**_kwargs) -> None:
    """A request starts: it has written nothing yet. Connected to Django's ``request_started``
    in AccountsConfig.ready."""
    _written.set(frozenset())


_task_tokens: dict[str, Token] = {}


def task_started(task_id=None, **_kwargs) -> None:
    """A Celery task starts with nothing written (``task_prerun``)."""
    _task_tokens[task_id] = _written.set(frozenset())


def task_finished(task_id=None, **_kwargs) -> None:
    """What the task wrote is forgotten when it ends (``task_postrun``), and what the caller had
    written is noted again: a task run eagerly inside a request (the tests) does not make the
    request forget its own writes."""
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        try:
            _written.reset(token)
        except ValueError:  # set in another context: nothing of the caller's to restore
            _written.set(frozenset())


def connect_signals() -> None:
    """Called once from AccountsConfig.ready."""
    request_started.connect(forget_writes, dispatch_uid="servicedesk-db-router-request")
    task_prerun.connect(task_started, dispatch_uid="servicedesk-db-router-task-start", weak=False)
    task_postrun.connect(task_finished, dispatch_uid="servicedesk-db-router-task-end", weak=False)


def _label(model) -> str:
    return model._meta.label_lower


class ReplicaRouter:
    """DATABASE_ROUTERS entry of production settings when a replica is configured."""

    def db_for_read(self, model, **hints):
        if not _reading_from_replica.get() or not replica_configured():
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if _label(model) in _written.get():
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        label = _label(model)
        written = _written.get()
        if label not in written:
            _written.set(written | {label})
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
