#!/usr/bin/env bash
# Source this file: puts Node 22 on PATH (scripts/toolchain.sh), installs the npm dependencies
# when node_modules is missing or was installed from another package-lock.json (the stamp holds the
# lock's sha256: a checkout, rebase or worktree copy that leaves the lock's content unchanged does
# not reinstall — comparing mtimes did, wiping node_modules under a running test), and builds the
# shared package.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$_root/scripts/toolchain.sh" || return 1
_stamp="$_root/node_modules/.cong-installed"
_lock_sum="$(sha256sum "$_root/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$_stamp" ] || [ "$(cat "$_stamp")" != "$_lock_sum" ]; then
  echo "[deps] npm ci (Node $(node -v))" >&2
  (cd "$_root" && npm ci --no-audit --no-fund) || return 1
  echo "$_lock_sum" >"$_stamp"
fi
(cd "$_root" && npm run --silent build -w shared) || return 1
