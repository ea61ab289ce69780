package dev.kb.db;

import dev.kb.common.DatabaseUnavailable;
import dev.kb.common.Errors;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kb's own PostgreSQL, in {@code <data dir>/postgres}: reachable from this machine only (loopback, and a Unix socket
 * inside its data directory, not in /tmp), by kb only (a password made per data directory, kept beside it with mode
 * 0600; a data directory made by an older kb, which let any local user in without one, gets it at its first start),
 * and started again should its process die ({@link ServerWatch}).
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
    static final String USER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** A Unix socket's path holds at most 107 bytes; the socket's own name adds up to 16 to its directory's. */
    private static final int MAX_SOCKET_DIRECTORY_BYTES = 107 - ".s.PGSQL.65535".length() - 1;
    /** Every connection, over TCP or the socket, needs the password. Written at every start when it differs. */
    static final String HBA = """
            # Written by kb at every start: every connection needs the password in ../postgres.password (mode 0600).
            # The server listens on loopback only, and its Unix socket is in this directory.
            local  all  all                 scram-sha-256
            host   all  all  127.0.0.1/32   scram-sha-256
            host   all  all  ::1/128        scram-sha-256
            """;

    private final Path dir;
    private final String password;
    private final EmbeddedPostgres postgres;
    private final ServerWatch watch;

    private EmbeddedServer(Path dir, String password, EmbeddedPostgres postgres, ServerWatch watch) {
        this.dir = dir;
        this.password = password;
        this.postgres = postgres;
        this.watch = watch;
    }

    static EmbeddedServer start(Path dir) {
        ServerLog log = new ServerLog(dir.resolveSibling("postgres.log"));
        long offset = log.end();
        String password;
        Path passwordFile = dir.resolveSibling("postgres.password");
        try {
            Files.createDirectories(dir.getParent());
            password = PasswordFile.readOrCreate(passwordFile);
        } catch (IOException e) {
            throw failure(dir, log, offset, e);
        }
        Map<String, String> settings = settings(dir);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT)
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.file().toFile()))
                // initdb's options: a new data directory has the password from its first moment.
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toString())
                .setConnectConfig("password", password);
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = startWatchingLog(builder, dir, log, offset);
        try {
            requirePassword(postgres, dir, password);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(postgres);
            throw failure(dir, log, offset, e);
        }
        return new EmbeddedServer(dir, password, postgres, ServerWatch.start(dir, postgres.getPort(), settings, log));
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, "postgres");
    }

    String password() {
        return password;
    }

    /**
     * The server's settings, given on its command line at every start (so also to a data directory made by an older
     * kb): zonky's defaults (but for durable commits), made explicit so a restart repeats them, and where it may be reached.
     */
    private static Map<String, String> settings(Path dir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("timezone", "UTC");
        // zonky's default is off, made for throwaway test databases: there a commit kb has reported (an index run
        // the search index already shows) can be lost when the server dies, as a kill -9 under load showed. A run
        // is one transaction, so waiting for its WAL flush costs one fsync per run.
        settings.put("synchronous_commit", "on");
        settings.put("max_connections", "300");
        settings.put("listen_addresses", "localhost");
        String socketDirectory = dir.toAbsolutePath().toString();
        if (socketDirectory.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_DIRECTORY_BYTES) {
            settings.put("unix_socket_directories", ServerWatch.quote(socketDirectory));
            settings.put("unix_socket_permissions", "0700");
        } else {
            // Too long a path for a socket: none at all, rather than one in a directory others can reach. kb
            // itself connects over loopback TCP.
            LOG.info("the embedded PostgreSQL has no Unix socket: {} is too long a path for one", socketDirectory);
            settings.put("unix_socket_directories", "''");
        }
        return settings;
    }

    /**
     * zonky waits up to a minute for a server that may already have failed: the log says so at once (pg_ctl's "could
     * not start server"), and then the start fails at once, with the log's reason.
     */
    private static EmbeddedPostgres startWatchingLog(EmbeddedPostgres.Builder builder, Path dir, ServerLog log,
                                                     long offset) {
        CompletableFuture<EmbeddedPostgres> started = CompletableFuture.supplyAsync(() -> {
            try {
                return builder.start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "kb-postgres-start");
            thread.setDaemon(true);
            thread.start();
        });
        while (true) {
            try {
                return started.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                if (log.since(offset).contains(ServerLog.START_FAILED)) {
                    throw failure(dir, log, offset, null);
                }
            } catch (ExecutionException e) {
                throw failure(dir, log, offset, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(dir, log, offset, e);
            }
        }
    }

    /**
     * Gives the superuser the password and makes every connection need it. A data directory from an older kb trusted
     * every local connection; one made now already has both, and only the file is rewritten to kb's own.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path dir, String password)
            throws SQLException, IOException {
        Path hba = dir.resolve("pg_hba.conf");
        String rules = Files.exists(hba) ? Files.readString(hba, StandardCharsets.UTF_8) : "";
        if (rules.equals(HBA)) {
            return;
        }
        boolean trusted = rules.lines().map(String::strip).anyMatch(l -> !l.startsWith("#") && l.endsWith("trust"));
        try (Connection c = connect(postgres, password); Statement s = c.createStatement()) {
            // Hex digits only: nothing to escape.
            s.execute("alter role " + USER + " password '" + password + "'");
            Files.writeString(hba, HBA, StandardCharsets.UTF_8);
            s.execute("select pg_reload_conf()");
        }
        // The server reads the new rules when it gets to the reload signal: wait for a connection without the password
        // to be refused, so kb never serves a moment on the old rules.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection ignored = connect(postgres, null)) {
                Thread.sleep(50);
            } catch (SQLException refused) {
                if (!isRefusedLogin(refused)) {
                    throw refused;
                }
                if (trusted) {
                    LOG.info("the embedded PostgreSQL in {} now needs the password kept in {}", dir,
                            dir.resolveSibling("postgres.password"));
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("the embedded PostgreSQL still lets connections in without a password");
    }

    /** Refused for want of the password: by the server (class 28), or by the driver, which has none to send. */
    private static boolean isRefusedLogin(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("28") || state.equals("08004"));
    }

    private static Connection connect(EmbeddedPostgres postgres, String password) throws SQLException {
        Properties properties = new Properties();
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(postgres.getJdbcUrl(USER, "postgres"), properties);
    }

    /** Why the start failed, in one line: the log's reason when it gives one. */
    private static DatabaseUnavailable failure(Path dir, ServerLog log, long offset, Throwable cause) {
        String reason = log.cause(offset).orElseGet(() -> lockedByAnother(cause)
                ? "another kb is using this data directory" : cause == null ? "it stopped while starting"
                : Errors.describe(cause));
        return new DatabaseUnavailable("cannot start the embedded PostgreSQL in " + dir + ": " + reason + " (see "
                + log.file() + ")", cause);
    }

    /** zonky locks the data directory for one process; a second kb on it finds the lock taken. */
    private static boolean lockedByAnother(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OverlappingFileLockException
                    || (t instanceof IllegalStateException && String.valueOf(t.getMessage()).startsWith("could not lock"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        // The watch first, so stopping the server is not taken for a crash to recover from.
        watch.close();
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // Shutting down anyway; the data directory is consistent after PostgreSQL's own shutdown or crash recovery.
        }
    }
}
