package dev.kb.db;

import static dev.kb.common.Errors.rootMessage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kb.config.Config;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL kb talks to: an embedded server whose data directory lives under the data dir (so a restart
 * keeps everything), or an external one. Opening it migrates the schema with Flyway from {@code db/migration}.
 * Should the server go away later, the pool keeps reconnecting in the background: once it is back, requests get
 * connections again without a restart of kb.
 */
public final class Database implements AutoCloseable {
    /** How long a request waits for a pooled connection; why this long is said where the pool is configured. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    private static final int VALIDATION_SECONDS = 1;

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
    }

    public static Database open(Config config) {
        return open(config, step -> { });
    }

    /** Opens the database, telling {@code status} each slow step (starting PostgreSQL, migrating) as it begins. */
    public static Database open(Config config, Consumer<String> status) {
        Config.DatabaseSettings settings = config.database();
        if (!settings.isEmbedded()) {
            status.accept("connecting to PostgreSQL at " + redact(settings.url()));
            return connect(null, settings.url(), settings.user(), settings.password(), status);
        }
        status.accept("starting PostgreSQL in " + config.postgresDir());
        EmbeddedPostgres pg = startEmbedded(config.postgresDir());
        try {
            return connect(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", null, status);
        } catch (RuntimeException e) {
            closeQuietly(pg);
            throw e;
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dir) {
        try {
            Files.createDirectories(dir.getParent());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dir.resolveSibling("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dir.resolveSibling("postgres.log").toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailable("cannot start the embedded PostgreSQL in " + dir
                    + " (is another kb using this data directory? see " + dir.resolveSibling("postgres.log") + ")", e);
        }
    }

    private static Database connect(EmbeddedPostgres embedded, String url, String user, String password,
                                    Consumer<String> status) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        // Batched inserts go out as multi-row statements: a large course's rows need far fewer round trips.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        if (user != null && !user.isBlank()) {
            hikari.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            hikari.setPassword(password);
        }
        hikari.setPoolName("kb");
        hikari.setMaximumPoolSize(8);
        // How long a request waits for a pooled connection. While PostgreSQL is down no connection comes, and the
        // request should fail (503, retry later) in seconds rather than hold a server thread and its client for
        // long. Under the 64-client reliability run (docs/reliability-load.md) the slowest request, mostly waiting
        // for a connection, took 2.3 s: a wait longer than this is load better shed with a 503 than queued.
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        // Checking an idle connection before lending it must fit well inside that wait.
        hikari.setValidationTimeout(1_000);
        // Fail at once with one clear message rather than waiting for the first query.
        hikari.setInitializationFailTimeout(3_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailable("cannot connect to PostgreSQL at " + redact(url) + ": " + rootMessage(e), e);
        }
        try {
            status.accept("migrating the database schema");
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new DatabaseUnavailable("cannot migrate the database schema: " + rootMessage(e), e);
        }
        return new Database(embedded, pool);
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * Asks PostgreSQL whether a pooled connection works; throws what the pool or the driver threw when not. Bounded:
     * at most {@link #CONNECTION_TIMEOUT} for a connection, then a second for the driver's check (which bounds the
     * socket read too, so a server that stopped answering cannot hold it).
     */
    public void ping() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid(VALIDATION_SECONDS)) {
                throw new SQLTransientConnectionException("PostgreSQL did not answer the connection check", "08006");
            }
        }
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            closeQuietly(embedded);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException ignored) {
            // Shutting down anyway; the data directory is consistent after PostgreSQL's own shutdown or crash recovery.
        }
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
