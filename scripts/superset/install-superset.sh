#!/usr/bin/env bash
# Installs Apache Superset (the version in requirements.txt) from PyPI into a cached venv:
#   ${CHATBI_SUPERSET_HOME:-~/.cache/chatbi/superset-<version>}
# Prints the venv's directory. Does nothing when it is already complete. Needs Python 3.10-3.12
# with venv (Debian: apt-get install -y python3-venv).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="$(sed -n 's/^apache-superset==\(.*\)$/\1/p' "$here/requirements.txt")"
home="${CHATBI_SUPERSET_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/chatbi/superset-$version}"
python="${CHATBI_SUPERSET_PYTHON:-python3}"
stamp="$home/.complete"
if [ ! -f "$stamp" ] || ! cmp -s "$here/requirements.txt" "$stamp"; then
  "$python" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' || {
    echo "Superset $version needs Python 3.10-3.12; $python is $("$python" --version 2>&1)" >&2
    exit 1
  }
  "$python" -c 'import ensurepip, venv' 2>/dev/null || { echo "$python has no venv module (apt-get install -y python3-venv)" >&2; exit 1; }
  rm -rf "$home"
  mkdir -p "$(dirname "$home")"
  "$python" -m venv "$home"
  "$home/bin/pip" install -q --disable-pip-version-check --no-input -r "$here/requirements.txt" >&2
  # Superset refuses to start without a SECRET_KEY of its own; this one only lets it print its version.
  SUPERSET_SECRET_KEY=install-check SUPERSET_HOME="$home/check" "$home/bin/superset" version >/dev/null 2>&1 || {
    echo "Superset was installed into $home but does not start: SUPERSET_SECRET_KEY=x $home/bin/superset version" >&2
    exit 1
  }
  rm -rf "$home/check"
  cp "$here/requirements.txt" "$stamp"
fi
echo "$home"
