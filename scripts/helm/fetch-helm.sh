#!/usr/bin/env bash
# Builds the helm CLI once with the Go toolchain (the Go module proxy is reachable, helm's
# release downloads are not) into a cache:
#   ${CHATBI_HELM_HOME:-~/.cache/chatbi/helm-<version>}/helm
# Prints the path of the helm binary. Does nothing when it is already there.
set -euo pipefail
version="v3.19.5"
home="${CHATBI_HELM_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/chatbi/helm-$version}"
if [ ! -x "$home/helm" ]; then
  go="$(command -v go || true)"
  [ -n "$go" ] || go=/usr/local/go/bin/go
  [ -x "$go" ] || { echo "the Go toolchain is not installed (https://go.dev/dl or apt-get install -y golang)" >&2; exit 1; }
  mkdir -p "$home"
  started=$(date +%s)
  # -s -w drop debug symbols; the version ldflag makes `helm version` report the pinned version.
  # GOTOOLCHAIN=auto lets an older Go (1.21+) fetch the toolchain helm needs from the module proxy.
  GOBIN="$home" GOFLAGS=-buildvcs=false CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" "$go" install -trimpath \
    -ldflags "-s -w -X helm.sh/helm/v3/internal/version.version=$version" \
    "helm.sh/helm/v3/cmd/helm@$version" >&2
  echo "built helm $version in $(( $(date +%s) - started ))s" >&2
fi
echo "$home/helm"
