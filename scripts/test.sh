#!/usr/bin/env bash
# The test command (README): the checks (scripts/check.sh), unit tests, then the integration suite on SQLite and again on
# PostgreSQL (127.0.0.1:5432, user postgres; started by .ci/run when it is not running).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
export STRAPI_TELEMETRY_DISABLED=true
echo "== checks (types, generated types, lint, format)"
bash scripts/check.sh
echo "== unit tests"
npx vitest run --project unit
echo "== integration tests on SQLite"
# The production smoke test runs the compose commands on PostgreSQL: once, in the PostgreSQL pass.
TEST_DB=sqlite npx vitest run --project integration --exclude tests/integration/production-smoke.test.ts
echo "== integration tests on PostgreSQL"
# What does not depend on the database runs once, in the SQLite pass: the browser checks of the built portal
# (static files), the renderer's byte-identity and completeness proofs (rendering), the admin panel's browser
# tests, the mail tests (SMTP) and the citizen form's browser journey (its PostgreSQL side — rate limits in
# the database, the intake route — is tests/security/intake.test.ts, which runs in both passes).
TEST_DB=postgres npx vitest run --project integration \
  --exclude tests/integration/site-browser.test.ts \
  --exclude tests/integration/renderer.test.ts \
  --exclude 'tests/e2e/**' \
  --exclude tests/integration/mail.test.ts \
  --exclude tests/integration/questions.test.ts
