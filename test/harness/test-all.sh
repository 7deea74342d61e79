#!/usr/bin/env bash
# `npm test`: build, strict lint, type-check the tests, unit + integration tests against the
# vendor simulators, then the packed package inside a real n8n, then that n8n's editor in headless
# Chromium. Ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/../.."
export npm_config_yes=true
results="$(mktemp -d)"

step() { printf '\n=== %s\n' "$*"; }

step "Build"
npm run build --silent
step "Lint (n8n community strict)"
npm run lint --silent
step "Type-check tests"
npx tsc -p tsconfig.test.json
step "Unit and integration tests"
status=0
npx jest --selectProjects unit integration --json --outputFile="$results/fast.json" || status=$?
step "Real n8n (end to end)"
N8N_HOME="$(bash test/harness/install-n8n.sh)"
export N8N_HOME
npx jest --selectProjects e2e --runInBand --json --outputFile="$results/e2e.json" || status=$?
step "The editor in headless Chromium"
# Debian's Chromium, never a browser download (playwright-core only drives it).
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ "$(id -u)" -ne 0 ]]; then
    echo "Chromium is missing: run 'apt-get update && apt-get install -y chromium' as root" >&2
  else
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
      || echo "Installing Debian's chromium failed; the editor check will say so" >&2
  fi
fi
npx jest --selectProjects editor --runInBand --json --outputFile="$results/editor.json" || status=$?

node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const file of process.argv.slice(1)) {
  if (!fs.existsSync(file)) { failed++; continue; }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results/fast.json" "$results/e2e.json" "$results/editor.json"
rm -rf "$results"
exit "$status"
