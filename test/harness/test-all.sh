#!/usr/bin/env bash
# `npm test`: build, strict lint, n8n's verification scanner, type-check the tests, unit + integration tests against the
# vendor simulators, then the packed package inside a real n8n (test files two at a time: most of
# their time is spent waiting for n8n's minute scheduler) and, beside them, the editor check in
# headless Chromium. Ends with one summary line.
#
# The real n8n and Debian's Chromium install in the background from the start (downloads, first run
# only), so a fresh machine does not wait for them after the fast tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
export npm_config_yes=true
results="$(mktemp -d)"

step() { printf '\n=== %s\n' "$*"; }

bash test/harness/install-n8n.sh >"$results/install-n8n.log" 2>&1 &
n8n_install=$!
bash test/harness/install-chromium.sh >"$results/install-chromium.log" 2>&1 &
chromium_install=$!

step "Build"
npm run build --silent
step "Lint (n8n community strict)"
npm run lint --silent
step "n8n's verification scanner (its rules, on the source and the packed tarball; disable comments ignored)"
npm run scan --silent
step "Type-check tests"
npx tsc -p tsconfig.test.json
step "Unit and integration tests"
status=0
rm -rf .fault-matrix
npx jest --selectProjects unit integration --json --outputFile="$results/fast.json" || status=$?

step "Real n8n (end to end) and the editor check, side by side"
wait "$n8n_install" || { cat "$results/install-n8n.log" >&2; exit 1; }
N8N_HOME="$(bash test/harness/install-n8n.sh)"
export N8N_HOME
editor=""
if wait "$chromium_install"; then
  npx jest --selectProjects editor --runInBand --json --outputFile="$results/editor.json" \
    >"$results/editor.log" 2>&1 &
  editor=$!
else
  cat "$results/install-chromium.log" >&2
  status=1
fi
npx jest --selectProjects e2e --maxWorkers=2 --json --outputFile="$results/e2e.json" || status=$?
if [[ -n "$editor" ]]; then
  wait "$editor" || status=$?
fi
step "Editor check (screenshots in .e2e/editor/)"
cat "$results/editor.log" 2>/dev/null || true

node test/harness/fault-matrix.cjs .fault-matrix
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
