#!/usr/bin/env bash
# Installs Debian packages by name (as root, or through `sudo -n`); never a download of our own.
# Usage: apt-install.sh PACKAGE...
set -euo pipefail
as_root=()
if [[ "$(id -u)" -ne 0 ]]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "Missing $*: run 'apt-get update && apt-get install -y $*' as root" >&2
    exit 1
  fi
fi
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
