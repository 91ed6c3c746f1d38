#!/usr/bin/env bash
# Runs Apache Superset (installed by install-superset.sh) with ChatBI's Ask panel, configured by
# superset_config.py beside this script, SQLite metadata in $SUPERSET_HOME. The first run creates the
# metadata and the admin user. The environment:
#   SUPERSET_HOME                   metadata directory (created)
#   SUPERSET_SECRET_KEY             Superset's own secret (e.g. openssl rand -base64 42)
#   SUPERSET_ADMIN_USERNAME, SUPERSET_ADMIN_PASSWORD   the admin the first run creates
#   CHATBI_URL                      ChatBI as Superset's backend reaches it, e.g. http://127.0.0.1:3000
#   CHATBI_TRUSTED_PROXY_SECRET     the same value ChatBI has (at least 32 characters)
#   SUPERSET_PORT                   8088 unless set
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${SUPERSET_HOME:?set SUPERSET_HOME}" "${SUPERSET_SECRET_KEY:?set SUPERSET_SECRET_KEY}"
: "${CHATBI_URL:?set CHATBI_URL}" "${CHATBI_TRUSTED_PROXY_SECRET:?set CHATBI_TRUSTED_PROXY_SECRET}"
venv="$(bash "$here/install-superset.sh")"
mkdir -p "$SUPERSET_HOME"
export SUPERSET_HOME SUPERSET_CONFIG_PATH="${SUPERSET_CONFIG_PATH:-$here/superset_config.py}" FLASK_APP=superset
superset() { "$venv/bin/superset" "$@"; }
phase() { echo "[run-superset] $1 in ${SECONDS}s" >&2; SECONDS=0; }

if [ ! -f "$SUPERSET_HOME/.initialized" ]; then
  : "${SUPERSET_ADMIN_USERNAME:?set SUPERSET_ADMIN_USERNAME}" "${SUPERSET_ADMIN_PASSWORD:?set SUPERSET_ADMIN_PASSWORD}"
  SECONDS=0
  superset db upgrade
  phase "metadata created (superset db upgrade)"
  superset fab create-admin --username "$SUPERSET_ADMIN_USERNAME" --password "$SUPERSET_ADMIN_PASSWORD" \
    --firstname Superset --lastname Admin --email "$SUPERSET_ADMIN_USERNAME@example.com"
  phase "admin created"
  superset init
  phase "roles and permissions set up (superset init)"
  touch "$SUPERSET_HOME/.initialized"
fi
exec "$venv/bin/superset" run -h 127.0.0.1 -p "${SUPERSET_PORT:-8088}" --with-threads
