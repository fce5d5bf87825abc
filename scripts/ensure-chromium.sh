#!/usr/bin/env bash
# The browser tests drive Debian's chromium with playwright-core (playwright's own browser
# download cannot work offline). Installs it when missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
echo "distillery: installing Debian's chromium for the browser tests (one time)" >&2
if [ "$(id -u)" = "0" ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
  echo "distillery: chromium is missing and this user cannot install packages; run: apt-get install -y chromium" >&2
  exit 1
fi
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
command -v chromium >/dev/null 2>&1 || { echo "distillery: chromium install failed" >&2; exit 1; }
