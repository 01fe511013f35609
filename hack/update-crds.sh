#!/usr/bin/env bash
# Regenerates the CRDs from the api/ classes and copies them to crds/ (CrdsUpToDateTest checks they match).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests process-classes "$@"
rm -f crds/*.yml
cp target/classes/META-INF/fabric8/*.ramgrants.io-v1.yml crds/
ls crds/
