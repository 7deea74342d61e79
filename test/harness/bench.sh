#!/usr/bin/env bash
# `npm run bench`: see test/harness/bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
export npm_config_yes=true
npx tsx test/harness/bench.ts
