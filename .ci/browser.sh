#!/usr/bin/env bash
# Install Debian's chromium and its driver, if missing: the install page's browser test
# (tests/handlers/slack/install/test_install_browser.py) drives them with Selenium.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
