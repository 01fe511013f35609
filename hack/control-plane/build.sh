#!/usr/bin/env bash
# Builds kube-apiserver, kubectl (k8s.io/kubernetes) and etcd (go.etcd.io/etcd/server/v3) from the Go module
# proxy into the offline layout io.fabric8:kube-api-test reads:
#   ~/.kubeapitest/k8s/<K8S_VERSION without v>-linux-amd64/{kube-apiserver,etcd,kubectl}
# No-op when all three binaries exist (cache). Binaries never go into the repository.
# Also builds hack/health (kstatus + Argo CD Lua health of objects) into ~/.kubeapitest/ramgrants/health
# every time (Go's build cache makes a rebuild of unchanged sources take a second or two).
# Env: GO (default: go on PATH, else /usr/local/go/bin/go), KUBEAPITEST_DIR (default ~/.kubeapitest),
#      BUILD_PARALLELISM (go build -p, default 2).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
K8S_VERSION="$(sed -n 's/^require k8s.io\/kubernetes \(v[0-9.]*\)$/\1/p' "$here/kube/go.mod")"
ETCD_VERSION="$(sed -n 's/^require go.etcd.io\/etcd\/server\/v3 \(v[0-9.]*\)$/\1/p' "$here/etcd/go.mod")"
os="$(uname -s | tr '[:upper:]' '[:lower:]')"
arch="$(uname -m)"; case "$arch" in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; esac
out="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}/k8s/${K8S_VERSION#v}-$os-$arch"

GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
[[ -x "$GO" ]] || { echo "control-plane: no Go toolchain (set GO=...)" >&2; exit 1; }
export CGO_ENABLED=0 GOFLAGS="-mod=readonly -buildvcs=false -p=${BUILD_PARALLELISM:-2}"

health="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}/ramgrants/health"
(cd "$here/../health" && nice "$GO" build -trimpath -ldflags "-s -w" -o "$health.tmp" . && mv "$health.tmp" "$health")
echo "control-plane: health checker in $health"

if [[ -x "$out/kube-apiserver" && -x "$out/kubectl" && -x "$out/etcd" ]]; then
  echo "control-plane: cached in $out (kube $K8S_VERSION, etcd $ETCD_VERSION)"
  exit 0
fi
tmp="$out.tmp.$$"; mkdir -p "$tmp"; trap 'rm -rf "$tmp"' EXIT
start=$SECONDS
ldflags="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$(cut -d. -f2 <<<"$K8S_VERSION")"
(cd "$here/kube" && nice "$GO" build -trimpath -ldflags "$ldflags" -o "$tmp/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)
echo "control-plane: kube-apiserver built ($((SECONDS - start)) s)"
(cd "$here/kube" && nice "$GO" build -trimpath -ldflags "$ldflags" -o "$tmp/kubectl" k8s.io/kubernetes/cmd/kubectl)
echo "control-plane: kubectl built ($((SECONDS - start)) s)"
(cd "$here/etcd" && nice "$GO" build -trimpath -ldflags "-s -w" -o "$tmp/etcd" .)
echo "control-plane: etcd built ($((SECONDS - start)) s)"
mkdir -p "$out"; mv "$tmp"/* "$out"/
echo "control-plane: kube $K8S_VERSION, etcd $ETCD_VERSION in $out ($((SECONDS - start)) s)"
