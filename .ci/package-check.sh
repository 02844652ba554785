#!/usr/bin/env bash
# The Docker image installs the package non-editable: check a wheel carries the migrations and
# seeds, by installing it in a clean venv and migrating and seeding a fresh database with it.
set -euo pipefail
work=$(mktemp -d)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q .
# Every module of the source tree is in the wheel (packages are found, not listed).
site=$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
missing=$(cd "$(dirname "$0")/.." && find bot handlers store seeds -name '*.py' -not -path '*/__pycache__/*' |
  while read -r module; do [ -f "$site/$module" ] || echo "$module"; done)
[ -z "$missing" ] || { echo "package check: not in the wheel: $missing" >&2; exit 1; }
cd "$work"
DATABASE_URL="sqlite:///$work/check.db" "$work/venv/bin/standpoint" db upgrade
DATABASE_URL="sqlite:///$work/check.db" "$work/venv/bin/standpoint" seed
answer=$(printf '/stance putin on ceasefire\n' | DATABASE_URL="sqlite:///$work/check.db" "$work/venv/bin/standpoint" shell)
grep -q "Conditional support" <<<"$answer"
echo "package check: the installed wheel migrates, seeds and answers"
rm -rf "$work"
