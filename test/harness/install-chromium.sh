#!/usr/bin/env bash
# Debian's Chromium for the editor check, never a browser download (playwright-core only drives it).
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "Chromium is missing: run 'apt-get update && apt-get install -y chromium' as root" >&2
    exit 1
  fi
fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
