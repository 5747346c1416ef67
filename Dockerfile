# syntax=docker/dockerfile:1
# The images of the three Pulse services and the demo's traffic generator, built from source with
# nothing but Docker: one Maven build stage compiles them all, then one small JRE stage per image picks
# its jar. docker-compose.yml builds each from this file with its stage as build.target:
#   docker compose up --build
#   docker build --target ingest-service -t pulse/ingest-service .     (or aggregator-service, query-api, demo-traffic)
# deployment-tests checks this file statically (no Docker on CI): Java version, jar names, ports, that no
# stage copies a prebuilt jar from the host, and that every file the build needs is tracked in git.

# ---------------------------------------------------------------- build: the Maven reactor, once
FROM eclipse-temurin:21-jdk AS build
WORKDIR /build
# Maven reads every module's pom even to build three of them.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY e2e-tests/pom.xml e2e-tests/
COPY load-tests/pom.xml load-tests/
COPY deployment-tests/pom.xml deployment-tests/
# The services and every module they depend on (-am), and the schema clickhouse-support packages.
COPY contracts/ contracts/
COPY clickhouse-support/ clickhouse-support/
COPY local-stack/ local-stack/
# Only for the tests' servers (a test dependency, which -am brings into the reactor); its jar is built, never run.
COPY test-servers/ test-servers/
COPY leaderboard-ui/ leaderboard-ui/
COPY infra/clickhouse/ infra/clickhouse/
COPY ingest-service/ ingest-service/
COPY aggregator-service/ aggregator-service/
COPY query-api/ query-api/
COPY demo-traffic/ demo-traffic/
# Maven itself and the dependencies land in a BuildKit cache, so a rebuild after a code change
# downloads nothing. Tests are the job of ./run-tests.sh, not of an image build.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -pl ingest-service,aggregator-service,query-api,demo-traffic -am package -Dmaven.test.skip=true

# ---------------------------------------------------------------- what every service image shares
FROM eclipse-temurin:21-jre AS runtime
RUN groupadd --system pulse && useradd --system --gid pulse --home-dir /app --no-create-home pulse
WORKDIR /app
# Extra JVM flags: set JAVA_TOOL_OPTIONS in the environment.

# ---------------------------------------------------------------- one stage per service
FROM runtime AS ingest-service
COPY --from=build /build/ingest-service/target/ingest-service-*-exec.jar /app/app.jar
USER pulse
EXPOSE 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]

FROM runtime AS aggregator-service
# Kafka Streams state (RocksDB) lives here; docker-compose.yml mounts a volume on it (SPRING_KAFKA_STREAMS_STATE_DIR).
RUN mkdir -p /var/lib/pulse/streams && chown -R pulse:pulse /var/lib/pulse
COPY --from=build /build/aggregator-service/target/aggregator-service-*-exec.jar /app/app.jar
USER pulse
EXPOSE 8083
# Half the memory limit for the heap: RocksDB state stores and Kafka buffers live off-heap.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]

FROM runtime AS query-api
COPY --from=build /build/query-api/target/query-api-*-exec.jar /app/app.jar
USER pulse
EXPOSE 8082
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]

FROM runtime AS demo-traffic
# Not a service: a client of ingest (compose profile "demo"). It touches a heartbeat file after every
# accepted batch; the compose health check reads the file's age.
COPY --from=build /build/demo-traffic/target/demo-traffic-*-exec.jar /app/app.jar
USER pulse
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/app.jar"]
