#!/usr/bin/env bash
# Quick start (README): runs the whole portal on the embedded default database (SQLite under
# cms/.tmp/), seeded with the real data of data/ (data/README.md) — the CMS with its admin panel, the
# static site built from the CMS's GraphQL API and served — and prints the URLs and logins.
# Local use only: the printed passwords are for this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
. scripts/ensure-deps.sh

export STRAPI_TELEMETRY_DISABLED=true
export CMS_PORT="${CMS_PORT:-1337}" SITE_PORT="${SITE_PORT:-4321}"
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@laocai.local}" ADMIN_PASSWORD="${ADMIN_PASSWORD:-CongLaoCai@2026}"
export SEED_ACCOUNTS="${SEED_ACCOUNTS:-true}" SEED_ACCOUNTS_PASSWORD="${SEED_ACCOUNTS_PASSWORD:-CongLaoCai@2026}"
export CMS_URL="http://127.0.0.1:$CMS_PORT"
# Every secret (admin JWT, app keys, token salts, encryption key, users-permissions JWT, the
# publisher's webhook secret, the preview secret and the preview token's key) is generated once
# per installation into the ignored .secrets.env and reused (scripts/secrets.sh, SECURITY.md).
. scripts/secrets.sh
# Publishing pipeline (site/publisher): the CMS posts publish/unpublish/delete webhooks to the
# publisher, which rebuilds and serves the site; the admin panel's Preview opens signed draft
# previews on it.
export PUBLISHER_WEBHOOK_URL="http://127.0.0.1:$SITE_PORT/hooks/strapi"
export PREVIEW_URL="http://127.0.0.1:$SITE_PORT"

# A CMS or publisher left running (from an earlier start stopped with kill -9, say) would answer
# the health checks below in place of the new one: refuse to start on a port in use.
port_free() { node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($1,'127.0.0.1',()=>s.close())"; }
for port_var in CMS_PORT SITE_PORT; do
  if ! port_free "${!port_var}"; then
    echo "port ${!port_var} ($port_var) is in use: stop what runs there (an earlier npm start?) or set $port_var to a free port" >&2
    exit 1
  fi
done

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# Local SMTP catcher (maildev, an npm package of the scripts workspace) on free loopback ports:
# the CMS's notification mails (docs/mail.md) land there and are read in its web UI. Skipped when
# SMTP_HOST is set (a real server).
MAIL_UI=""
if [ -z "${SMTP_HOST:-}" ]; then
  free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
  MAILDEV_SMTP_PORT="$(free_port)" MAILDEV_WEB_PORT="$(free_port)"
  mkdir -p cms/.tmp/maildev
  # exec: the process started is maildev itself, so the cleanup trap stops it (npx would leave it running)
  (exec "$ROOT/node_modules/.bin/maildev" --smtp "$MAILDEV_SMTP_PORT" --web "$MAILDEV_WEB_PORT" --ip 127.0.0.1 --web-ip 127.0.0.1 \
    --mail-directory "$ROOT/cms/.tmp/maildev" > "$ROOT/cms/.tmp/maildev.log" 2>&1) &
  pids+=($!)
  export SMTP_HOST=127.0.0.1 SMTP_PORT="$MAILDEV_SMTP_PORT" SMTP_SECURE=false
  MAIL_UI="http://127.0.0.1:$MAILDEV_WEB_PORT/"
  for _ in $(seq 1 30); do curl -fsS "${MAIL_UI}api/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
fi
export SITE_URL="${SITE_URL:-http://127.0.0.1:$SITE_PORT}"
if [ -n "$MAIL_UI" ]; then MAIL_LINE="$MAIL_UI  (notification mails, caught locally: nothing leaves this machine)"
else MAIL_LINE="sent through $SMTP_HOST (SMTP_HOST is set)"; fi

admin_index="cms/dist/build/index.html"
if [ ! -f "$admin_index" ] || [ -n "$(find cms/src/admin cms/package.json shared/src -newer "$admin_index" -print -quit)" ]; then
  echo "== building the admin panel (first run: a few minutes)"
  (cd cms && npx strapi build)
fi

echo "== importing the real data (idempotent)"
# (no webhook during the import: the publisher is not up yet; its start-up reconciliation sees everything)
PUBLISHER_WEBHOOK_URL= npm run --silent seed

echo "== starting the CMS on $CMS_URL"
# the previous run's logs are kept once (*.log.1)
for log in cms/.tmp/cms.log cms/.tmp/site.log; do [ -f "$log" ] && mv -f "$log" "$log.1"; done
# exec of Strapi's own binary (npx would run it as a child): the cleanup trap's kill reaches the CMS
(cd cms && PORT="$CMS_PORT" HOST=127.0.0.1 exec "$ROOT/node_modules/.bin/strapi" start > "$ROOT/cms/.tmp/cms.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS "$CMS_URL/_health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "$CMS_URL/_health" >/dev/null || { echo "CMS did not start; see cms/.tmp/cms.log" >&2; tail -40 cms/.tmp/cms.log >&2; exit 1; }

echo "== starting the publisher: builds the public site from $CMS_URL/graphql and serves it"
(HOST=127.0.0.1 PORT="$SITE_PORT" CMS_TOKEN="$CMS_PREVIEW_TOKEN" SITE_URL="http://127.0.0.1:$SITE_PORT" \
  exec npm run --silent publisher -w site > "$ROOT/cms/.tmp/site.log" 2>&1) &
pids+=($!)
for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$SITE_PORT/status" 2>/dev/null | grep -q '"currentRelease":{' && break
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "the publisher stopped; see cms/.tmp/site.log" >&2; tail -40 cms/.tmp/site.log >&2; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$SITE_PORT/status" | grep -q '"currentRelease":{' || { echo "the site was not built; see cms/.tmp/site.log" >&2; tail -40 cms/.tmp/site.log >&2; exit 1; }

cat <<MSG

  Cổng thông tin điện tử tỉnh Lào Cai — running locally

  Public portal:   http://127.0.0.1:$SITE_PORT/
  Admin panel:     $CMS_URL/admin
    administrator: $ADMIN_EMAIL / $ADMIN_PASSWORD   (local use only)
    editorial accounts (password $SEED_ACCOUNTS_PASSWORD, local use only):
      bientap.tnmt@laocai.local   biên tập viên, Sở Tài nguyên và Môi trường
      totruong.tnmt@laocai.local  tổ trưởng, Sở Tài nguyên và Môi trường
      bientap.tplc@laocai.local   biên tập viên, UBND thành phố Lào Cai
      totruong.tplc@laocai.local  tổ trưởng, UBND thành phố Lào Cai
      banbientap@laocai.local     Ban biên tập cổng
      hoidong@laocai.local        Hội đồng biên tập
  GraphQL:         $CMS_URL/graphql
  Publisher:       http://127.0.0.1:$SITE_PORT/status  (a publish in the admin panel is live within seconds)
  Mails:           $MAIL_LINE
  Logs:            cms/.tmp/cms.log, cms/.tmp/site.log, cms/.tmp/maildev.log

  Ctrl+C stops everything.
MSG
wait
