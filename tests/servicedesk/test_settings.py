import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from servicedesk.settings.env import env_bool, env_db, env_int, env_str, env_url

GOOD_KEY = "k3y-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN"
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "servicedesk.settings.production",
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "desk.example.com",
    "SITE_URL": "https://desk.example.com",
    "DATABASE_URL": "sqlite:////tmp/servicedesk-deploy-check.sqlite3",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
}


def _manage(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_bad_boolean_names_its_variable(monkeypatch, value):
    monkeypatch.setenv("DJANGO_DEBUG", value)
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        env_bool("DJANGO_DEBUG", False)


def test_booleans_read_the_usual_words(monkeypatch):
    monkeypatch.setenv("X_FLAG", "Yes")
    assert env_bool("X_FLAG") is True
    monkeypatch.setenv("X_FLAG", "off")
    assert env_bool("X_FLAG") is False


def test_a_bad_number_names_its_variable(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_SECONDS", "ten")
    with pytest.raises(ImproperlyConfigured, match="SESSION_IDLE_SECONDS"):
        env_int("SESSION_IDLE_SECONDS", 10)


def test_a_number_below_its_minimum_is_refused(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_SECONDS", "5")
    with pytest.raises(ImproperlyConfigured, match="minimum"):
        env_int("SESSION_IDLE_SECONDS", 10, minimum=60)


def test_a_bad_database_url_names_its_variable(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mongo://nowhere")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_db("DATABASE_URL")


def test_postgresql_connections_run_without_jit(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://desk@db:5432/desk?options=-c%20work_mem=64MB")
    assert env_db("DATABASE_URL")["OPTIONS"]["options"] == "-c work_mem=64MB -c jit=off"
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/desk.sqlite3")
    assert "options" not in env_db("DATABASE_URL").get("OPTIONS", {})


@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"), reason="SQLite")
@pytest.mark.django_db
def test_the_database_session_has_jit_off():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_a_broker_url_of_the_wrong_kind_names_its_variable(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "http://127.0.0.1:6379")
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        env_url("REDIS_URL", None, schemes=("redis",))


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret = tmp_path / "key"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("SOME_SECRET_FILE", str(secret))
    assert env_str("SOME_SECRET") == "from-a-file"


def test_a_required_variable_that_is_missing_is_named(monkeypatch):
    monkeypatch.delenv("SOME_REQUIRED", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOME_REQUIRED"):
        env_str("SOME_REQUIRED")


def test_the_app_refuses_to_start_with_a_bad_value():
    result = _manage(
        "check",
        env={"DJANGO_SETTINGS_MODULE": "servicedesk.settings.local", "DJANGO_DEBUG": "perhaps"},
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV}
    env.pop("SECRET_KEY")
    result = _manage("check", env={**env, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_placeholder_secret_key():
    result = _manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "django-insecure-changeme"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _manage("check", env={**PRODUCTION_ENV, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_seed_demo_is_refused_under_production_settings():
    result = _manage("seed_demo", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "only runs under the local or test settings" in result.stderr


def test_production_reads_its_secrets_from_files(tmp_path):
    key = tmp_path / "secret_key"
    key.write_text(GOOD_KEY + "\n")
    database = tmp_path / "database_url"
    database.write_text(PRODUCTION_ENV["DATABASE_URL"])
    env = {k: v for k, v in PRODUCTION_ENV.items() if k not in ("SECRET_KEY", "DATABASE_URL")}
    env.update({"SECRET_KEY_FILE": str(key), "DATABASE_URL_FILE": str(database)})
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_read_the_environment_only_through_the_strict_helpers():
    """A secret read with os.environ would skip the *_FILE form and the strict parsing."""
    folder = settings.BASE_DIR / "servicedesk" / "settings"
    for module in folder.glob("*.py"):
        # bench.py only sets defaults (no TLS on the load's loopback) before production reads them
        if module.name in ("env.py", "test.py", "bench.py"):
            continue
        assert "os.environ" not in module.read_text(), module.name


def test_sqlite_holds_concurrent_writers(monkeypatch, tmp_path):
    """The embedded default: WAL, transactions that take the write lock when they begin, and a
    busy timeout, so the web server and the worker queue for the file instead of failing (the
    effect: tests/reliability/test_embedded_default.py)."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    options = env_db("DATABASE_URL")["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "PRAGMA journal_mode=WAL" in options["init_command"]


def test_results_live_beside_a_redis_broker_named_alone():
    """CELERY_BROKER_URL without REDIS_URL (as a shell left by docker-compose may have it): the
    results go to that Redis too, instead of nowhere (a result then cannot be read)."""
    done = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CELERY_RESULT_BACKEND)",
        env={
            "DJANGO_SETTINGS_MODULE": "servicedesk.settings.test",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/9",
        },
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "redis://127.0.0.1:6379/9"
