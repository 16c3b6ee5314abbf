#!/usr/bin/env bash
# `make run`: the web server and a Celery worker with beat, on the embedded default.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=servicedesk.settings.local
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

# Beat reads its schedules from the database (django-celery-beat, editable in the admin).
.venv/bin/celery -A servicedesk worker -B --loglevel=INFO --concurrency=2 \
  --scheduler django_celery_beat.schedulers:DatabaseScheduler &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" &
pids+=($!)

echo
echo "ServiceDesk is at http://$HOST:$PORT/  (API docs: http://$HOST:$PORT/api/docs/, health: http://$HOST:$PORT/healthz)"
$PY manage.py seed_demo --logins-only
echo "Ctrl-C stops the web server and the worker."
wait -n "${pids[@]}"
