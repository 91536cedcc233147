#!/usr/bin/env bash
# The checks the test command runs before any test (issue 10, item 3): types in every workspace
# (tsc --noEmit; `astro check` for the site, which also reads .astro files), the Strapi types
# generated from the schemas are the committed ones, ESLint, and Prettier's formatting.
# Run alone with `npm run check`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
echo "== types: shared, cms (strict, generated Strapi types), scripts, site (astro check)"
npx tsc --noEmit -p shared/tsconfig.json
npx tsc --noEmit -p cms/tsconfig.json
npx tsc --noEmit -p cms/src/admin/tsconfig.json
npx tsc --noEmit -p scripts/tsconfig.json
(cd site && npx astro check --minimumSeverity error)
echo "== Strapi types generated from the schemas are committed (cms/types/generated)"
(cd cms && STRAPI_TELEMETRY_DISABLED=true npx strapi ts:generate-types --silent >/dev/null)
git diff --exit-code --stat -- cms/types/generated || { echo "cms/types/generated is stale: run (cd cms && npx strapi ts:generate-types) and commit it" >&2; exit 1; }
echo "== ESLint"
npx eslint . --max-warnings 0
echo "== Prettier"
npx prettier --check --log-level warn "**/*.{ts,tsx,js,mjs,cjs,css,json}"
