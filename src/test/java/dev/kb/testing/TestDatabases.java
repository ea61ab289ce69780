package dev.kb.testing;

import dev.kb.config.Config;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real PostgreSQL servers for tests: an embedded one (started once per test JVM) and, when
 * {@code KB_TEST_DATABASE_URL} is set, that server as well. Every test gets a database of its own.
 */
public final class TestDatabases {
    public enum Target { EMBEDDED, EXTERNAL }

    private static final Pattern JDBC = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private static EmbeddedPostgres embedded;
    private static final List<String> externalDatabases = new ArrayList<>();

    private TestDatabases() {
    }

    /** The servers tests should run against: always the embedded one, plus KB_TEST_DATABASE_URL when set. */
    public static List<Target> targets() {
        return externalUrl() == null ? List.of(Target.EMBEDDED) : List.of(Target.EMBEDDED, Target.EXTERNAL);
    }

    public static String externalUrl() {
        String url = System.getenv("KB_TEST_DATABASE_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /** A new, empty database on the target server. */
    public static synchronized Config.DatabaseSettings fresh(Target target) {
        String name = "kb_test_" + RUN + "_" + COUNTER.incrementAndGet();
        String adminUrl = target == Target.EMBEDDED ? embedded().getJdbcUrl("postgres", "postgres") : externalUrl();
        execute(adminUrl, "create database " + name);
        if (target == Target.EXTERNAL) {
            if (externalDatabases.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropExternal));
            }
            externalDatabases.add(name);
        }
        return new Config.DatabaseSettings(withDatabase(adminUrl, name), null, null);
    }

    /** Runs one statement against a database, for tests that arrange a failure inside PostgreSQL itself. */
    public static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database statement failed: " + sql, e);
        }
    }

    static String withDatabase(String url, String database) {
        Matcher m = JDBC.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a jdbc:postgresql URL: " + url);
        }
        return m.group(1) + database + m.group(3);
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
            }
        }
        return embedded;
    }

    private static synchronized void dropExternal() {
        for (String name : externalDatabases) {
            try {
                execute(externalUrl(), "drop database if exists " + name + " with (force)");
            } catch (RuntimeException ignored) {
                // Best effort at JVM exit; a leftover test database does no harm.
            }
        }
    }
}
