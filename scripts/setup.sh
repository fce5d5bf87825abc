#!/usr/bin/env bash
# Installs the toolchain and dependencies, then builds every package. Idempotent.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$DISTILLERY_ROOT"
if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile --reporter=append-only
else
  pnpm install --reporter=append-only
fi
pnpm turbo run build --output-logs=errors-only
