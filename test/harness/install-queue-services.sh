#!/usr/bin/env bash
# Debian's PostgreSQL and Redis for the queue-mode test (never containers, never a download of our own).
set -euo pipefail
missing=()
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null || missing+=(redis-server)
if ((${#missing[@]} == 0)); then exit 0; fi
bash "$(dirname "$0")/apt-install.sh" "${missing[@]}"
