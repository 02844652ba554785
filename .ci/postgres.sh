#!/usr/bin/env bash
# Install (from Debian's packages, if missing) and start a local PostgreSQL for the test suite,
# then print the admin URL the suite uses to create one database per test.
# With STANDPOINT_PG_STARTED_FILE set, writes "<version> main" there when this script started
# the server (none answered before it), so the caller can stop it and only it.
set -euo pipefail
already_up=false
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1; then
  already_up=true
fi
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | grep -q "^${version} *main"; then
  pg_createcluster "$version" main >/dev/null 2>&1
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true  # stdout carries only the URL
if [ "$already_up" = false ] && [ -n "${STANDPOINT_PG_STARTED_FILE:-}" ]; then
  echo "$version main" >"$STANDPOINT_PG_STARTED_FILE"
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 && break
  sleep 1  # waiting for the server to accept connections, bounded to 30 s
done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL' >/dev/null
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'standpoint') THEN
    CREATE ROLE standpoint LOGIN SUPERUSER PASSWORD 'standpoint-test';
  END IF;
END $$;
SQL
echo "postgresql+psycopg://standpoint:standpoint-test@127.0.0.1:5432/postgres"
