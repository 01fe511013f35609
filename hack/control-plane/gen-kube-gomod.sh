#!/usr/bin/env bash
# Regenerates kube/go.mod for a k8s.io/kubernetes release: requires it and replaces every k8s.io/* staging
# module that its go.mod lists at v0.0.0 with the matching v0.<minor>.<patch> release. Run when bumping K8S_VERSION.
set -euo pipefail
cd "$(dirname "$0")/kube"
K8S_VERSION="${1:?usage: gen-kube-gomod.sh v1.37.2}"
STAGING="v0.${K8S_VERSION#v1.}"
GO="${GO:-go}"
modfile="$("$GO" mod download -json "k8s.io/kubernetes@$K8S_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
{
  echo "module ramgrants.io/hack/control-plane/kube"
  echo
  echo "go $(sed -n 's/^go //p' "$modfile")"
  echo
  echo "require k8s.io/kubernetes $K8S_VERSION"
  echo
  echo "replace ("
  awk '$1 ~ /^k8s\.io\// && $2 == "v0.0.0" { print $1 }' "$modfile" | sort -u |
    while read -r m; do echo "	$m => $m $STAGING"; done
  echo ")"
} > go.mod
rm -f go.sum
"$GO" mod tidy
