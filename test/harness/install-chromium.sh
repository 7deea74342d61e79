#!/usr/bin/env bash
# Debian's Chromium for the editor check, never a browser download (playwright-core only drives it).
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
if [[ "$(id -u)" -ne 0 ]]; then
  echo "Chromium is missing: run 'apt-get update && apt-get install -y chromium' as root" >&2
  exit 1
fi
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
