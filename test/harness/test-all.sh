#!/usr/bin/env bash
# `npm test`: build, strict lint, type-check the tests, unit + integration tests against the
# vendor simulators, then the packed package inside a real n8n (test files two at a time: most of
# their time is spent waiting for n8n's minute scheduler). Ends with one summary line. The editor
# check (`npm run test:editor`) is not part of it yet: see README.
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
npx jest --selectProjects e2e --maxWorkers=2 --json --outputFile="$results/e2e.json" || status=$?

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
' "$results/fast.json" "$results/e2e.json"
rm -rf "$results"
exit "$status"
