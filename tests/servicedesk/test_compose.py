"""docker compose cannot run on the CI machine: keep the file honest by reading it."""

import yaml
from django.conf import settings

REQUIRED_ENV = {
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "DJANGO_SETTINGS_MODULE",
}


def _compose():
    return yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())


APP_SERVICES = ("web", "worker", "worker-messages", "worker-reminders", "worker-reports", "beat")


def test_it_has_the_production_services_with_health_checks():
    services = _compose()["services"]
    assert set(services) == {*APP_SERVICES, "migrate", "proxy", "postgres", "redis", "cache"}
    for name, service in services.items():
        if name != "migrate":  # runs once and exits
            assert "healthcheck" in service, name


def test_the_app_services_get_the_environment_they_need():
    services = _compose()["services"]
    for name in (*APP_SERVICES, "migrate"):
        env = services[name]["environment"]
        assert set(env) >= REQUIRED_ENV, name
        assert env["DJANGO_SETTINGS_MODULE"] == "servicedesk.settings.production"
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_the_commands_start_gunicorn_celery_and_beat():
    services = _compose()["services"]
    assert "gunicorn servicedesk.wsgi:application" in services["web"]["command"]
    for name in APP_SERVICES[1:-1]:
        assert "celery -A servicedesk worker" in services[name]["command"], name
    assert "DatabaseScheduler" in services["beat"]["command"]


def test_data_lives_in_volumes():
    compose = _compose()
    assert {"postgres", "redis", "media"} <= set(compose["volumes"])
    assert any(v.startswith("postgres:") for v in compose["services"]["postgres"]["volumes"])


def test_the_broker_and_the_cache_are_separate_redis_servers():
    """Queued work must not share a server with data that may be evicted or lost: the broker
    persists and never evicts, the cache keeps nothing on disk."""
    services = _compose()["services"]
    env = services["web"]["environment"]
    broker_host = env["CELERY_BROKER_URL"].split("//")[1].split(":")[0]
    cache_host = env["REDIS_URL"].split("//")[1].split(":")[0]
    assert broker_host != cache_host
    assert "--appendonly yes" in services[broker_host]["command"]
    assert "noeviction" in services[broker_host]["command"]
    assert "allkeys-lru" in services[cache_host]["command"]
    for name in (*APP_SERVICES, "migrate"):
        assert services[name]["depends_on"][cache_host]["condition"] == "service_healthy"
