#!/usr/bin/env bash
# Regenerates the CRDs from the api/ classes, copies them to crds/ and applies the post-processing
# the generator cannot be told (io.ramgrants.api.CrdPostProcessing: AGE as the last printer column,
# kind-level descriptions). CrdsUpToDateTest checks crds/ against generator + post-processing;
# run hack/sync-crds.sh afterwards to copy crds/ into the chart and the kustomize base.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests process-classes "$@"
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/crd-classpath.txt "$@" >/dev/null
rm -f crds/*.yml
cp target/classes/META-INF/fabric8/*.ramgrants.io-v1.yml crds/
java -cp "target/classes:$(cat target/crd-classpath.txt)" io.ramgrants.api.CrdPostProcessing crds
ls crds/
