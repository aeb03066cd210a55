# syntax=docker/dockerfile:1
# The portal's image: web (default command), Celery worker, beat and the migration job run it with their
# own command. Multi-stage: compilers and gettext stay in the build stage; the runtime has the libraries
# WeasyPrint needs, the Noto fonts of the Arabic and English reports, and runs as a non-root user.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The virtualenv at the same path as in a checkout: scripts/migrate.sh runs .venv/bin/python.
RUN python -m venv /app/.venv
COPY requirements.txt ./
RUN /app/.venv/bin/pip install -r requirements.txt
COPY . .
# Translations compiled and static files collected at build: the running container writes neither
# (its root file system is read-only in the Helm chart).
RUN DEBUG=off SECRET_KEY=build-only /app/.venv/bin/python manage.py compilemessages --ignore=.venv -v0 \
 && DEBUG=off SECRET_KEY=build-only /app/.venv/bin/python manage.py collectstatic --noinput -v0

FROM ${PYTHON_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-core \
 && rm -rf /var/lib/apt/lists/* \
 && fc-cache -f \
 && groupadd --system --gid 10001 pilot \
 && useradd --system --uid 10001 --gid pilot --home-dir /app --no-create-home --shell /usr/sbin/nologin pilot
WORKDIR /app
COPY --from=build --chown=root:root /app /app
# Files the portal writes when S3 is not configured (reports, backups): a volume in compose and the chart.
RUN mkdir -p /app/var/media /app/var/backups && chown -R pilot:pilot /app/var/media /app/var/backups
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DEBUG=off \
    LOG_FORMAT=json \
    PORT=8000 \
    XDG_CACHE_HOME=/tmp/.cache
# Numeric, so Kubernetes' runAsNonRoot can verify it.
USER 10001:10001
EXPOSE 8000
# 127.0.0.1 is a back-office host of every deployment (settings.PUBLIC_HOSTS); keep it in ALLOWED_HOSTS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "pilot.wsgi"]
