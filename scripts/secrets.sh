#!/usr/bin/env bash
# Source this file: makes every secret of the portal exist once per installation and exports it.
#
# The secrets live in `.secrets.env` at the repository root (ignored by git, mode 600), written
# the first time and reused afterwards, so admin sessions, API-token keys and signed preview
# links survive a restart. A variable already set in the environment wins over the file.
# Nothing here is a default: each value is random (48 bytes, base64url). Production sets its
# own (.env.example, SECURITY.md); the CMS refuses to start in production without them.
_cong_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_cong_secrets="${CONG_SECRETS_FILE:-$_cong_root/.secrets.env}"
_cong_gen() {
  node -e 'const c=require("crypto");const n=Number(process.argv[1]);console.log(Array.from({length:n},()=>c.randomBytes(48).toString("base64url")).join(","))' "$1"
}
( umask 077; touch "$_cong_secrets" )
chmod 600 "$_cong_secrets"
for _name in ADMIN_JWT_SECRET API_TOKEN_SALT TRANSFER_TOKEN_SALT ENCRYPTION_KEY JWT_SECRET PUBLISHER_WEBHOOK_SECRET PREVIEW_SECRET CMS_PREVIEW_TOKEN INTAKE_TOKEN INTAKE_FORM_SECRET APP_KEYS; do
  if ! grep -q "^${_name}=" "$_cong_secrets"; then
    if [ "$_name" = APP_KEYS ]; then _v="$(_cong_gen 4)"; else _v="$(_cong_gen 1)"; fi
    printf '%s=%s\n' "$_name" "$_v" >> "$_cong_secrets"
  fi
done
while IFS='=' read -r _k _v; do
  case "$_k" in ''|\#*) continue ;; esac
  if [ -z "${!_k:-}" ]; then export "$_k=$_v"; fi
done < "$_cong_secrets"
unset _name _v _k _cong_gen
