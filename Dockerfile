# syntax=docker/dockerfile:1
# The event bus server image: `docker build -t bizosaas/eventbus .` at the repository root.

# Stage 1: build the server's runnable jar with the same Maven command as the README.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl eventbus-server -am package -DskipTests

# Stage 2: a JRE 17 runtime that runs the jar as an unprivileged user.
FROM eclipse-temurin:17-jre
# curl serves the HEALTHCHECK only; the image has no other extra package.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 eventbus \
    && useradd --system --uid 10001 --gid eventbus --home-dir /app --shell /usr/sbin/nologin eventbus
WORKDIR /app
COPY --from=build /src/eventbus-server/target/eventbus-server.jar /app/eventbus-server.jar
USER 10001:10001

# Heap as a share of the container's memory limit, so a 512Mi pod gets a 205 MiB heap and the
# rest covers metaspace, code cache, thread stacks and buffers (docs/BENCHMARKS.md, Issue 18,
# measures this with -XX:MaxRAM=512m). The whole heap is reserved and touched at start
# (initial = maximum, AlwaysPreTouch): the pod's memory is then fixed from its first minute instead
# of creeping up as the old generation fills, so a limit that is too small fails at start, not
# after hours. The JVM reads JAVA_TOOL_OPTIONS itself, so the
# ENTRYPOINT stays in exec form and java, as PID 1, receives SIGTERM for the graceful shutdown.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=40.0 -XX:InitialRAMPercentage=40.0 -XX:+AlwaysPreTouch -XX:+UseSerialGC -XX:MaxMetaspaceSize=160m -XX:ReservedCodeCacheSize=64m -XX:+ExitOnOutOfMemoryError" \
    EVENTBUS_SERVICE_PORT=8003

EXPOSE 8003
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${EVENTBUS_SERVICE_PORT}/health/live" || exit 1
ENTRYPOINT ["java", "-jar", "/app/eventbus-server.jar"]
