//go:build tools

// Package kube pins k8s.io/kubernetes so that `go build` can build its commands from the module cache.
package kube

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
