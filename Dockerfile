FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=servicedesk.settings.production
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 postgresql-client \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir .
COPY . .
RUN python scripts/compile_messages.py \
 && SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '/+=') ALLOWED_HOSTS=build \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 CELERY_BROKER_URL=redis://build:6379/0 \
    python manage.py collectstatic --noinput
RUN useradd --create-home servicedesk && mkdir -p /app/var/media && chown -R servicedesk /app/var
USER servicedesk
EXPOSE 8000
CMD ["gunicorn", "servicedesk.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
