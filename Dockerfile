# Standpoint: a slim two-stage image, running as a non-root user, with a health check.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY store ./store
COPY seeds ./seeds
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir .

FROM python:3.11-slim
RUN useradd --create-home --uid 10001 standpoint
COPY --from=build /venv /venv
# Numeric, so the runtime can check "not root" without resolving the name (hadolint DL3066).
USER 10001
WORKDIR /home/standpoint
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PORT=3000 \
    STANDPOINT_LOG_FORMAT=json \
    STANDPOINT_AUTO_MIGRATE=false
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '3000'), timeout=2)"]
# Migrations run once per release (compose.yaml's `migrate` service), not in every replica.
CMD ["standpoint", "serve", "--http"]
