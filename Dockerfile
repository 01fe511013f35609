# syntax=docker/dockerfile:1
# ram-grant-operator image.
#   docker build -t REGISTRY/ram-grant-operator:0.1.0 .
# The Helm chart and operator/ run it as UID 65532 with a read-only root filesystem and /tmp
# on an emptyDir; DockerfileTest checks the essentials below.

# --- build ------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
# Dependency cache layer: rebuilt only when pom.xml changes.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

# --- runtime ----------------------------------------------------------------------------
FROM eclipse-temurin:21-jre
LABEL org.opencontainers.image.title="ram-grant-operator" \
      org.opencontainers.image.description="Keeps Alibaba Cloud cross-account RAM grants (DTS, DMS) as declared in Kubernetes."
# The UID has no passwd entry; give the JVM and libraries a writable HOME (an emptyDir in the pod).
ENV HOME=/tmp
WORKDIR /app
# Root-owned and read-only for the runtime user. The image jar leaves out the mock Kubernetes API
# server that only `demo` and `bench --with-kube` use (pom.xml, execution image-jar).
COPY --from=build /src/target/ram-grant-operator-image.jar /app/ram-grant-operator.jar
# Moves JAVA_TOOL_OPTIONS onto java's command line: no "Picked up JAVA_TOOL_OPTIONS" line on stderr.
COPY --chmod=0555 src/main/docker/entrypoint.sh /app/entrypoint.sh
# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
# /metrics, /healthz, /readyz
EXPOSE 8080
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["run"]
