# syntax=docker/dockerfile:1
# charrnn: build the jar with the Maven wrapper on a JDK, run it on a JRE as a non-root user.
#   docker build -t charrnn .
#   docker run -p 8080:8080 -v charrnn-data:/app/data charrnn

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
# The cache mount keeps ~/.m2 (Maven itself and every dependency) between builds; tests run in CI, not here.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -q -Dmaven.test.skip=true package

FROM eclipse-temurin:17-jre
# Fonts and fontconfig: the charts are drawn by Java2D, which needs a font even when headless. curl: HEALTHCHECK.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system charrnn \
    && useradd --system --gid charrnn --home-dir /app --no-create-home --shell /usr/sbin/nologin charrnn
# The working directory is /app, so the default H2 database (./data/charrnn) lands in the /app/data volume.
WORKDIR /app
COPY --from=build /src/target/charrnn.jar /tmp/charrnn.jar
# Start-up, about 4 s instead of 10 (docs/benchmarks.md; bench/startup.sh runs these same commands):
# - the jar starts the application context that process-aot generated at build time (its spring.properties sets
#   spring.aot.enabled), instead of working it out from the auto-configurations at every start. Settings that
#   would switch beans on or off (profiles, which actuator endpoints are exposed) are therefore fixed at build
#   time; every charrnn.* and spring.datasource.* setting still applies at run time.
# - the jar is unpacked (charrnn.jar + lib/) and a class-data-sharing archive is recorded from one start up to a
#   refreshed context (in-memory database, nothing kept), so classes arrive parsed and verified. The archive
#   holds for exactly this JDK and this classpath.
RUN java -Djarmode=tools -jar /tmp/charrnn.jar extract --destination /app \
    && rm /tmp/charrnn.jar \
    && java --add-modules jdk.incubator.vector -XX:ArchiveClassesAtExit=/app/charrnn.jsa -Dspring.context.exit=onRefresh \
        -Djava.awt.headless=true -jar /app/charrnn.jar --spring.datasource.url=jdbc:h2:mem:cds --server.port=0 \
    && mkdir -p /app/data && chown -R charrnn:charrnn /app
USER charrnn
VOLUME /app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS "http://localhost:${SERVER_PORT:-8080}/actuator/health" > /dev/null || exit 1
# Exec form: java is PID 1 and gets SIGTERM, so running runs checkpoint and go back to the queue on stop.
# --add-modules jdk.incubator.vector: the batched cells' products and float32 gates on the Vector API (without it
# they fall back to plain loops, the same bits at half the speed or less); the class-data-sharing dump above runs
# with the same module set, which the archive requires.
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-XX:SharedArchiveFile=/app/charrnn.jsa", "-Djava.awt.headless=true", "-XX:MaxRAMPercentage=75", \
    "-jar", "/app/charrnn.jar"]
