#!/usr/bin/env bash
# npm run demo: builds and packs the package, installs the pinned n8n if needed, starts the vendor
# simulators and a real n8n with the package, credentials and example workflows, and prints the
# URL and login. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ ! -x node_modules/.bin/tsx ]]; then
  echo "Run npm install first." >&2
  exit 1
fi
# Shown on the terminal: the first install takes several minutes.
bash test/harness/install-n8n.sh >/dev/null
exec node_modules/.bin/tsx test/harness/demo.ts "$@"
