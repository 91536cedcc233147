#!/usr/bin/env bash
# Source this file: puts Node 22 on PATH (scripts/toolchain.sh), installs the npm dependencies
# when node_modules is missing or older than package-lock.json, and builds the shared package.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$_root/scripts/toolchain.sh" || return 1
_stamp="$_root/node_modules/.cong-installed"
if [ ! -f "$_stamp" ] || [ "$_root/package-lock.json" -nt "$_stamp" ]; then
  echo "[deps] npm ci (Node $(node -v))" >&2
  (cd "$_root" && npm ci --no-audit --no-fund) || return 1
  touch "$_stamp"
fi
(cd "$_root" && npm run --silent build -w shared) || return 1
