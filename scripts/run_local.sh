#!/usr/bin/env bash
# `make run`: the web server and a Celery worker with beat, on the embedded default.
# Their output goes to var/log/; the terminal ends with the address and the logins, printed once
# the server answers. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=servicedesk.settings.local
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
# Every link in a message (a survey, a staff alert) starts with the address the site is served
# at, in the worker as in the web server. Serving other devices (HOST=0.0.0.0)? Set SITE_URL to
# the address they reach, e.g. SITE_URL=http://192.168.1.20:8000.
export SITE_URL=${SITE_URL:-http://$HOST:$PORT}
VAR=${SERVICEDESK_VAR_DIR:-var}
LOGS="$VAR/log"
mkdir -p "$LOGS"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

echo "Starting the web server and the worker (logs in $LOGS/) …"
# Beat reads its schedules from the database (django-celery-beat, editable in the admin). One
# worker serves every queue (WORKER_QUEUES in servicedesk/settings/base.py); a group's
# deployment gives each its own (docs/deployment.md).
.venv/bin/celery -A servicedesk worker -B --loglevel=INFO --concurrency=2 \
  -Q celery,messages,reminders,reports \
  --scheduler django_celery_beat.schedulers:DatabaseScheduler >"$LOGS/worker.log" 2>&1 &
pids+=($!)
# No autoreloader: its child process would outlive a stop of the parent and keep the port.
$PY manage.py runserver --noreload "$HOST:$PORT" >"$LOGS/web.log" 2>&1 &
pids+=($!)

# The address is printed only once the server answers: a newcomer who opens it at once finds
# the site, not a refused connection.
if ! $PY scripts/wait_for_http.py "http://$HOST:$PORT/healthz" 120 "${pids[@]}"; then
  echo "The web server did not start. The end of $LOGS/web.log:" >&2
  tail -n 30 "$LOGS/web.log" >&2
  exit 1
fi

echo
echo "ServiceDesk is at $SITE_URL/"
echo "  API docs: $SITE_URL/api/docs/   health: $SITE_URL/healthz"
echo "  logs: $LOGS/web.log and $LOGS/worker.log (emails and text messages are printed there)"
$PY manage.py seed_demo --logins-only
echo "Ctrl-C stops the web server and the worker."
set +e
wait -n "${pids[@]}"
echo "A process stopped; the end of its log:" >&2
tail -n 20 "$LOGS/web.log" "$LOGS/worker.log" >&2
exit 1
