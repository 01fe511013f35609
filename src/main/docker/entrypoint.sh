#!/bin/sh
# The image's entrypoint: runs the operator's jar with the JVM flags of JAVA_TOOL_OPTIONS.
#
# The JVM announces JAVA_TOOL_OPTIONS on stderr ("Picked up JAVA_TOOL_OPTIONS: ...") before any
# logger exists, a non-JSON first line under --log-format=json. The same flags given on the
# command line are applied silently, so they move there. The chart still sets JAVA_TOOL_OPTIONS
# (values.javaToolOptions); later flags win over the defaults below.
set -eu
set -f # the flags are split on blanks, as the JVM splits JAVA_TOOL_OPTIONS, never globbed
flags="${JAVA_TOOL_OPTIONS:-}"
unset JAVA_TOOL_OPTIONS
# shellcheck disable=SC2086
exec java -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError $flags \
    -jar "${RAMGRANTS_JAR:-/app/ram-grant-operator.jar}" "$@"
