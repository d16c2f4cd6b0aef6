package dev.charrnn.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database per test class: from Testcontainers when a Docker engine is available, otherwise
 * created on the server named by {@code CHARRNN_TEST_POSTGRES_URL} (a JDBC URL with user, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}); with neither the test is skipped, saying so.
 */
public final class PostgresDatabases {
    public static final String ENV = "CHARRNN_TEST_POSTGRES_URL";
    private static PostgreSQLContainer container;

    private PostgresDatabases() {}

    /** A JDBC URL (user and password in it) of a new, empty database. */
    public static synchronized String fresh(String prefix) throws Exception {
        String server = System.getenv(ENV);
        if (server == null || server.isBlank()) {
            server = containerUrl();
        }
        Assumptions.assumeTrue(
                server != null,
                "PostgreSQL tests skipped: no Docker engine for Testcontainers and " + ENV + " is not set (e.g. " + ENV
                        + "=jdbc:postgresql://127.0.0.1:5432/test?user=postgres)");
        String name = (prefix + "_" + Long.toString(System.currentTimeMillis(), 36) + "_"
                        + ThreadLocalRandom.current().nextInt(1000))
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server);
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return withDatabase(server, name);
    }

    private static String containerUrl() {
        if (container == null) {
            if (!dockerAvailable()) {
                return null;
            }
            container = new PostgreSQLContainer("postgres:16-alpine");
            container.start();
        }
        return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?") + "user="
                + container.getUsername() + "&password=" + container.getPassword();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Drops a database made by {@link #fresh} (the instances that used it must be stopped). */
    public static synchronized void drop(String url) {
        String server = System.getenv(ENV);
        if (server == null || server.isBlank()) {
            return; // a Testcontainers database goes with its container
        }
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?', slash);
        String name = url.substring(slash + 1, query < 0 ? url.length() : query);
        try (Connection c = DriverManager.getConnection(server);
                Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (java.sql.SQLException e) {
            System.err.println("could not drop test database " + name + ": " + e.getMessage());
        }
    }

    /** Replaces the database name in {@code jdbc:postgresql://host:port/name?params}. */
    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?', hostStart);
        String params = query < 0 ? "" : url.substring(query);
        String base = slash < 0 || (query >= 0 && slash > query)
                ? url.substring(0, query < 0 ? url.length() : query)
                : url.substring(0, slash);
        return base + "/" + database + params;
    }
}
