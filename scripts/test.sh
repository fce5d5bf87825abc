#!/usr/bin/env bash
# The one command that sets up and passes the tests on a fresh clone:
#   bash scripts/test.sh
set -euo pipefail
source "$(dirname "$0")/env.sh"
bash "$DISTILLERY_ROOT/scripts/setup.sh"
bash "$DISTILLERY_ROOT/scripts/ensure-chromium.sh"
cd "$DISTILLERY_ROOT"
pnpm turbo run test --concurrency=1 --output-logs=new-only
