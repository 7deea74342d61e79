#!/usr/bin/env bash
# `npm run test:queue`: the packed package in n8n's queue mode (test/queue/): Debian's PostgreSQL and
# Redis (installed when missing), an n8n main process, two workers and a webhook process, the vendor
# simulators. Prints the counts as a table, then one summary line.
set -euo pipefail
cd "$(dirname "$0")/../.."
export npm_config_yes=true
results="$(mktemp -d)"

printf '\n=== Queue mode: PostgreSQL, Redis and the pinned n8n\n'
bash test/harness/install-queue-services.sh
N8N_HOME="$(bash test/harness/install-n8n.sh)"
export N8N_HOME
[[ -d dist ]] || npm run build --silent

printf '\n=== Queue mode: main, 2 workers, webhook process\n'
status=0
npx jest --selectProjects queue --runInBand --json --outputFile="$results/queue.json" || status=$?

node test/harness/queue-report.cjs .e2e/queue-mode.json "$results/queue.json"
rm -rf "$results"
exit "$status"
