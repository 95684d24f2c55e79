#!/usr/bin/env bash
# `npm test`: everything, in order — production build (which also type-checks) and the single-file
# agent the server serves, unit tests,
# API integration tests against the real server, network tests with real packets (the agent in
# network namespaces; they skip themselves without root, `ip netns`, wg or nft), and Playwright e2e
# in Debian's Chromium.
# Ends with one line: "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
results=.test-results
rm -rf "$results" && mkdir -p "$results"

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing Debian chromium for the e2e tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null || { echo "could not install chromium"; exit 1; }
  else
    echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH"
    exit 1
  fi
fi

status=0
step() { echo; echo "== $1"; shift; "$@" || status=1; }

step "build (next build, includes the TypeScript check; the single-file agent)" npm run --silent build
if [ $status -ne 0 ]; then echo "tests: 0 passed, 1 failed"; exit 1; fi
step "unit tests" npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"
db=SQLite; case "${DATABASE_URL:-}" in postgres*) db=PostgreSQL ;; esac
step "API integration tests (next start on $db)" \
  npx vitest run --project api --reporter=default --reporter=json --outputFile.json="$results/api.json"
step "network tests (agents in network namespaces, WireGuard, nftables)" \
  npx vitest run --project network --reporter=default --reporter=json --outputFile.json="$results/network.json"
step "e2e tests (Playwright, Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json
echo
node scripts/test-summary.mjs "$results" || status=1
exit $status
