"""Production's database settings beyond one machine (docs/deployment.md): a read replica only
when DATABASE_REPLICA_URL is set, and DB_POOLER=pgbouncer making the connections fit for
PgBouncer in transaction mode. Each test imports the production settings module afresh with the
environment it sets."""

import importlib
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from .test_settings import PRODUCTION_ENV

PRIMARY = "postgres://desk:pw@pgbouncer:6432/desk"
REPLICA = "postgres://desk:pw@pgbouncer:6432/desk_replica"


# base reads the environment too (the broker): both are imported afresh.
MODULES = ("servicedesk.settings.production", "servicedesk.settings.base")


@pytest.fixture
def production(monkeypatch):
    """``production(**env)``: the production settings module as that environment makes it. It
    is forgotten afterwards, so nothing else imports the copy made for a test."""
    import servicedesk.settings as package

    for module in MODULES:  # put back as they were after the test
        monkeypatch.delitem(sys.modules, module, raising=False)
        name = module.rsplit(".", 1)[1]
        if hasattr(package, name):
            monkeypatch.setattr(package, name, getattr(package, name))

    def load(**env):
        for name in ("DATABASE_REPLICA_URL", "DB_POOLER", "DB_CONN_MAX_AGE", "REDIS_URL"):
            monkeypatch.delenv(name, raising=False)
        for name, value in {**PRODUCTION_ENV, "DATABASE_URL": PRIMARY, **env}.items():
            monkeypatch.setenv(name, value)
        for module in MODULES:
            sys.modules.pop(module, None)
        return importlib.import_module(MODULES[0])

    return load


def test_without_a_replica_there_is_one_database_and_no_router(production):
    settings = production()
    assert set(settings.DATABASES) == {"default"}
    assert not hasattr(settings, "DATABASE_ROUTERS")


def test_a_replica_url_adds_the_replica_and_its_router(production):
    settings = production(DATABASE_REPLICA_URL=REPLICA)
    assert set(settings.DATABASES) == {"default", "replica"}
    assert settings.DATABASES["replica"]["NAME"] == "desk_replica"
    assert settings.DATABASES["replica"]["TEST"] == {"MIRROR": "default"}
    assert settings.DATABASE_ROUTERS == ["servicedesk.db_router.ReplicaRouter"]
    # The replica keeps connections as the primary does.
    assert settings.DATABASES["replica"]["CONN_MAX_AGE"] == 60
    assert settings.DATABASES["replica"]["CONN_HEALTH_CHECKS"] is True


def test_a_bad_replica_url_names_its_variable(production):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_REPLICA_URL"):
        production(DATABASE_REPLICA_URL="mongo://nowhere")


def test_without_a_pooler_connections_ask_for_jit_off_and_may_use_server_cursors(production):
    database = production().DATABASES["default"]
    assert database["OPTIONS"]["options"] == "-c jit=off"
    assert not database.get("DISABLE_SERVER_SIDE_CURSORS")


def test_behind_pgbouncer_there_are_no_server_side_cursors_on_any_database(production):
    settings = production(DB_POOLER="pgbouncer", DATABASE_REPLICA_URL=REPLICA)
    for database in settings.DATABASES.values():
        assert database["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_behind_pgbouncer_no_startup_option_is_sent(production):
    """PgBouncer refuses (or drops) startup options it does not track: jit=off is the role's
    (ALTER ROLE … SET jit = off), not the connection's."""
    settings = production(DB_POOLER="pgbouncer", DATABASE_REPLICA_URL=REPLICA)
    for database in settings.DATABASES.values():
        assert "options" not in database.get("OPTIONS", {})


def test_behind_pgbouncer_persistent_connections_stay(production):
    settings = production(DB_POOLER="pgbouncer", DB_CONN_MAX_AGE="300")
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 300
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_behind_pgbouncer_an_option_that_would_be_lost_is_refused(production):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL.*ALTER ROLE"):
        production(DB_POOLER="pgbouncer", DATABASE_URL=f"{PRIMARY}?options=-c%20work_mem=64MB")


def test_an_unknown_pooler_is_refused(production):
    with pytest.raises(ImproperlyConfigured, match="DB_POOLER"):
        production(DB_POOLER="pgpool")


def test_pgbouncer_pools_postgresql_only(production):
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL"):
        production(DB_POOLER="pgbouncer", DATABASE_URL="sqlite:////tmp/desk.sqlite3")
