package dev.charrnn.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * The service as a separate process started from the built jar, as a user runs it, so tests can kill it
 * ({@code kill -9}) or stop it (SIGTERM) and start it again on the same database.
 */
public final class ServiceProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target", "charrnn.jar");
    /** JVM options of the Docker image's start: the application context that process-aot prepared at build time. */
    public static final List<String> IMAGE_MODE = List.of("-Dspring.aot.enabled=true");

    private final Process process;
    private final ApiClient api;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.api = new ApiClient(port);
        this.log = log;
    }

    /** Starts the jar with {@code --key=value} settings and waits until it reports healthy. */
    public static ServiceProcess start(Path workDir, String name, Map<String, String> settings) throws Exception {
        return start(workDir, name, List.of(), settings);
    }

    /** {@link #start(Path, String, Map)} with JVM options, e.g. {@link #IMAGE_MODE}. */
    public static ServiceProcess start(Path workDir, String name, List<String> jvmOptions, Map<String, String> settings)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar", JAR.toAbsolutePath().toString(), "--server.port=" + port, "--charrnn.instance-name=" + name));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(workDir);
        Path log = workDir.resolve(name + "-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServiceProcess service = new ServiceProcess(p, port, log);
        try {
            service.awaitHealthy(Duration.ofSeconds(300)); // generous: start-up takes minutes on a loaded machine
        } catch (Exception | AssertionError e) {
            service.kill(); // nobody else holds it to stop it
            throw e;
        }
        return service;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                ApiClient.Response r = api.get("/actuator/health");
                if (r.status() == 200 && r.text().contains("\"UP\"")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service did not become healthy:\n" + tail());
    }

    /** HTTP to this instance. */
    public ApiClient api() {
        return api;
    }

    /** kill -9: no shutdown hook, no last checkpoint. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns whether it exited within the timeout. */
    public boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to 3 minutes for run {@code id} to finish; the service's log tail when it does not. */
    public JsonNode awaitFinished(long id) {
        try {
            return api().awaitFinished(id, Duration.ofSeconds(180));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + tail(), e);
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Everything the service logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public static boolean jarBuilt() {
        return new File(JAR.toString()).isFile();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
