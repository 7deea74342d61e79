#!/usr/bin/env bash
# Debian's Chromium for the editor check, never a browser download (playwright-core only drives it).
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then exit 0; fi
bash "$(dirname "$0")/apt-install.sh" chromium
