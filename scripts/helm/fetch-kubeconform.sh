#!/usr/bin/env bash
# Builds kubeconform once with the Go toolchain, and writes strict JSON schemas of the Kubernetes
# API for it from k8s.io/cli-runtime's OpenAPI document (both from the Go module proxy; the usual
# schema downloads are out of reach) into a cache:
#   ${CHATBI_KUBECONFORM_HOME:-~/.cache/chatbi/kubeconform-<version>}/{kubeconform,schemas/}
# Prints the cache directory. Does nothing when both are already there.
#   "$dir/kubeconform" -strict -schema-location "$dir/schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" manifests.yaml
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="v0.7.0"
# The Kubernetes API the schemas describe: the cli-runtime of the helm that scripts/helm/fetch-helm.sh builds.
api="v0.34.2"
home="${CHATBI_KUBECONFORM_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/chatbi/kubeconform-$version-k8s-$api}"
go="$(command -v go || true)"
[ -n "$go" ] || go=/usr/local/go/bin/go
need_go() { [ -x "$go" ] || { echo "the Go toolchain is not installed (https://go.dev/dl or apt-get install -y golang)" >&2; exit 1; }; }
if [ ! -x "$home/kubeconform" ]; then
  need_go
  mkdir -p "$home"
  GOBIN="$home" GOFLAGS=-buildvcs=false CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" "$go" install -trimpath -ldflags "-s -w" \
    "github.com/yannh/kubeconform/cmd/kubeconform@$version" >&2
fi
if [ ! -f "$home/schemas/.complete" ]; then
  need_go
  module="$(GOFLAGS=-mod=mod "$go" mod download -json "k8s.io/cli-runtime@$api" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  rm -rf "$home/schemas"
  node "$here/k8s-json-schemas.js" "$module/artifacts/openapi/swagger.json" "$home/schemas"
  touch "$home/schemas/.complete"
fi
echo "$home"
