"""Neither Kubernetes nor docker compose runs on the CI machine: the manifests under
deploy/kubernetes/ and docker-compose.yml are kept valid by reading them — every document is a
named object, every selector finds its pods, every queue the tasks are routed to has workers,
beat is one, and every setting they pass is one the settings read."""

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
KUBERNETES = ROOT / "deploy" / "kubernetes"
# Read by a process itself, not by servicedesk/settings: Django's and the image's.
PROCESS_ENV = {"DJANGO_SETTINGS_MODULE"}


def documents() -> list[tuple[Path, dict]]:
    found = []
    for path in sorted(KUBERNETES.rglob("*.yaml")):
        found += [(path, doc) for doc in yaml.safe_load_all(path.read_text()) if doc]
    return found


def of_kind(kind: str) -> list[dict]:
    return [doc for _path, doc in documents() if doc["kind"] == kind]


def deployment(name: str) -> dict:
    return next(d for d in of_kind("Deployment") if d["metadata"]["name"] == name)


def containers(doc: dict) -> list[dict]:
    return doc["spec"]["template"]["spec"]["containers"]


def autoscaled() -> set[str]:
    return {h["spec"]["scaleTargetRef"]["name"] for h in of_kind("HorizontalPodAutoscaler")}


def worker_queues(words: list[str]) -> set[str] | None:
    """The queues of a `celery … worker` command line; None if it is not a worker."""
    if "worker" not in words or "celery" not in words[0]:
        return None
    for i, word in enumerate(words):
        if word in ("-Q", "--queues"):
            return set(words[i + 1].split(","))
    return {"celery"}  # no -Q: Celery's default queue only


def routed_queues() -> set[str]:
    queues = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    return queues | {settings.CELERY_TASK_DEFAULT_QUEUE}


def settings_env_names() -> set[str]:
    """Every environment variable the settings read (env_str("NAME", …) and the like), and the
    names in .env.example."""
    names = set(PROCESS_ENV)
    for path in (ROOT / "servicedesk" / "settings").glob("*.py"):
        names |= set(re.findall(r"env_\w+\(\s*\"([A-Z0-9_]+)\"", path.read_text()))
    for line in (ROOT / ".env.example").read_text().splitlines():
        if re.match(r"^[A-Z0-9_]+=", line):
            names.add(line.split("=", 1)[0])
    return names


def test_there_are_manifests():
    kinds = {doc["kind"] for _path, doc in documents()}
    assert {"Deployment", "Service", "Ingress", "ConfigMap", "HorizontalPodAutoscaler"} <= kinds
    assert {"Job", "Kustomization"} <= kinds


@pytest.mark.parametrize(
    ("path", "doc"),
    documents(),
    ids=[f"{p.name}:{d['kind']}:{d.get('metadata', {}).get('name')}" for p, d in documents()],
)
def test_every_document_is_a_named_object(path, doc):
    assert doc.get("apiVersion"), path
    assert doc.get("kind"), path
    assert doc.get("metadata", {}).get("name"), path


def test_the_kustomization_names_every_manifest_but_the_examples_and_the_job():
    kustomization = of_kind("Kustomization")[0]
    listed = set(kustomization["resources"])
    on_disk = {p.name for p in KUBERNETES.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == on_disk - {"secret.example.yaml"}
    assert all((KUBERNETES / name).exists() for name in listed)


@pytest.mark.skipif(not shutil.which("kubectl"), reason="kubectl is not installed")
def test_kustomize_renders_the_set_with_the_release_images():
    rendered = subprocess.run(
        ["kubectl", "kustomize", str(KUBERNETES)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    docs = [doc for doc in yaml.safe_load_all(rendered) if doc]
    assert {doc["metadata"].get("namespace") for doc in docs} <= {"servicedesk", None}
    images = {
        container["image"]
        for doc in docs
        if doc["kind"] == "Deployment"
        for container in containers(doc)
    }
    assert all(image.startswith("registry.example.com/") for image in images), images
    job = of_kind("Job")[0]
    assert job["spec"]["template"]["spec"]["containers"][0]["image"] in images


def test_every_deployments_selector_matches_its_pods_labels():
    for doc in of_kind("Deployment"):
        selector = doc["spec"]["selector"]["matchLabels"]
        labels = doc["spec"]["template"]["metadata"]["labels"]
        assert selector.items() <= labels.items(), doc["metadata"]["name"]


def test_every_service_selects_the_pods_of_a_deployment():
    pod_labels = [d["spec"]["template"]["metadata"]["labels"] for d in of_kind("Deployment")]
    for service in of_kind("Service"):
        selector = service["spec"]["selector"]
        assert any(selector.items() <= labels.items() for labels in pod_labels), service


def test_the_ingress_and_the_autoscaler_point_at_what_exists():
    services = {s["metadata"]["name"]: s for s in of_kind("Service")}
    for ingress in of_kind("Ingress"):
        for rule in ingress["spec"]["rules"]:
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                ports = {p["name"] for p in services[backend["name"]]["spec"]["ports"]}
                assert backend["port"]["name"] in ports
    deployments = {d["metadata"]["name"] for d in of_kind("Deployment")}
    for hpa in of_kind("HorizontalPodAutoscaler"):
        assert hpa["spec"]["scaleTargetRef"]["name"] in deployments
        assert hpa["spec"]["minReplicas"] >= 2
    assert "web" in autoscaled()


def test_the_workers_consume_every_routed_queue():
    consumed = set()
    for doc in of_kind("Deployment"):
        for container in containers(doc):
            queues = worker_queues(container.get("command", []) + container.get("args", []))
            if queues is not None:
                consumed |= queues
    assert routed_queues() <= consumed
    assert consumed <= set(settings.WORKER_QUEUES)


def test_there_is_exactly_one_beat_and_it_is_never_two_during_a_rollout():
    beats = [
        doc
        for doc in of_kind("Deployment")
        if any("beat" in container.get("command", []) for container in containers(doc))
    ]
    assert len(beats) == 1
    assert beats[0]["spec"]["replicas"] == 1
    assert beats[0]["spec"]["strategy"]["type"] == "Recreate"
    assert beats[0]["metadata"]["name"] not in autoscaled()


def test_the_web_pods_are_probed_on_healthz_as_the_site_answers_it():
    """/healthz/ready (the database only: an outage of Redis must not take every pod out of
    service) through Django: the Host must be one the site serves (ALLOWED_HOSTS) and the
    scheme HTTPS, or the probe gets a 400 or a redirect instead of the health."""
    from django.urls import resolve

    assert resolve("/healthz/ready").url_name == "healthz-ready"
    config = next(c for c in of_kind("ConfigMap") if c["metadata"]["name"] == "servicedesk-config")
    hosts = [h.strip() for h in config["data"]["ALLOWED_HOSTS"].split(",")]
    web = containers(deployment("web"))[0]
    assert web["livenessProbe"]  # gunicorn's port: a database outage must not restart them all
    for probe in ("startupProbe", "readinessProbe"):
        get = web[probe]["httpGet"]
        assert get["path"] == "/healthz/ready"
        headers = {h["name"]: h["value"] for h in get["httpHeaders"]}
        assert headers["Host"] in hosts
        assert headers["X-Forwarded-Proto"] == "https"


def test_the_environment_the_manifests_pass_is_read_by_the_settings():
    known = settings_env_names()
    for config in of_kind("ConfigMap"):
        if config["metadata"]["name"] == "servicedesk-config":
            assert set(config["data"]) <= known
    secret_refs = set()
    for _path, doc in documents():
        if doc["kind"] not in ("Deployment", "Job"):
            continue
        for container in containers(doc):
            for variable in container.get("env", []):
                assert variable["name"] in known, variable
                ref = variable.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    secret_refs.add(ref["key"])
    for secret in of_kind("Secret"):
        if secret["metadata"]["name"] == "servicedesk-secrets":
            assert set(secret["stringData"]) <= known | secret_refs


def test_the_pooler_runs_in_transaction_mode_and_django_knows_it():
    pooler = next(c for c in of_kind("ConfigMap") if c["metadata"]["name"] == "pgbouncer-config")
    ini = pooler["data"]["pgbouncer.ini"]
    assert re.search(r"^pool_mode = transaction$", ini, re.M)
    # No startup option may be needed: Django sends none behind PgBouncer.
    assert "options" not in re.search(r"^ignore_startup_parameters = (.*)$", ini, re.M).group(1)
    config = next(c for c in of_kind("ConfigMap") if c["metadata"]["name"] == "servicedesk-config")
    assert config["data"]["DB_POOLER"] == "pgbouncer"


def test_the_migrations_job_runs_migrate_on_the_primary_directly():
    job = of_kind("Job")[0]
    container = job["spec"]["template"]["spec"]["containers"][0]
    assert container["command"][-2:] == ["migrate", "--noinput"]
    env = {v["name"]: v for v in container["env"]}
    assert env["DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == "DATABASE_DIRECT_URL"
    assert env["DB_POOLER"]["value"] == ""


# --- docker-compose.yml --------------------------------------------------------------------


def compose_services() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]


def command_words(service: dict) -> list[str]:
    command = service.get("command", [])
    return shlex.split(command) if isinstance(command, str) else list(command)


def test_the_compose_workers_consume_every_routed_queue():
    consumed = set()
    for service in compose_services().values():
        queues = worker_queues(command_words(service))
        if queues is not None:
            consumed |= queues
    assert routed_queues() <= consumed
    assert consumed <= set(settings.WORKER_QUEUES)


def test_compose_can_scale_the_web_and_the_workers():
    """`docker compose up --scale web=3 --scale worker-messages=2`: a service with a fixed host
    port or a container name cannot have two containers; the proxy is the one entry."""
    services = compose_services()
    for name, service in services.items():
        if name.startswith(("web", "worker")):
            assert "ports" not in service, name
            assert "container_name" not in service, name
    assert services["proxy"]["ports"]
    conf = (ROOT / "deploy" / "nginx" / "servicedesk.conf").read_text()
    assert "http://web:8000" in conf and "resolver" in conf


def test_compose_migrates_once_before_web_and_workers_start():
    services = compose_services()
    assert "migrate" in command_words(services["migrate"])
    for name, service in services.items():
        if name.startswith(("web", "worker", "beat")):
            assert "migrate" not in command_words(service), name
            condition = service["depends_on"]["migrate"]["condition"]
            assert condition == "service_completed_successfully", name


def test_compose_has_one_beat():
    services = compose_services()
    beats = [n for n, s in services.items() if "beat" in command_words(s)[:4]]
    assert beats == ["beat"]
