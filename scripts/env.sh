#!/usr/bin/env bash
# Source this file: it makes Node 24 and pnpm 10 available on PATH, installing them into
# .tools/ from the npm registry the first time (the machine's own Node may be older).
# Usage: source scripts/env.sh
_distill_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_distill_tools="$_distill_root/.tools"
_distill_node_version="24.21.0"
_distill_pnpm_version="10.34.8"
if [ "$("$_distill_tools/node_modules/.bin/node" --version 2>/dev/null)" != "v$_distill_node_version" ] \
  || ! "$_distill_tools/node_modules/.bin/node" "$_distill_tools/node_modules/pnpm/bin/pnpm.cjs" --version >/dev/null 2>&1; then
  echo "distillery: installing Node $_distill_node_version and pnpm $_distill_pnpm_version into .tools/ (one time)" >&2
  mkdir -p "$_distill_tools"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$_distill_tools" \
    "node@$_distill_node_version" "pnpm@$_distill_pnpm_version" >&2 || {
    echo "distillery: could not install Node/pnpm from the npm registry (is npm on PATH and the registry reachable?)" >&2
    return 1 2>/dev/null || exit 1
  }
fi
export PATH="$_distill_tools/node_modules/.bin:$PATH"
export DISTILLERY_ROOT="$_distill_root"
unset _distill_tools _distill_node_version _distill_pnpm_version
