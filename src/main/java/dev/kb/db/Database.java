package dev.kb.db;

import static dev.kb.common.Errors.describe;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kb.common.DatabaseUnavailable;
import dev.kb.config.Config;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL kb talks to: an embedded server whose data directory lives under the data dir (so a restart
 * keeps everything; see {@link EmbeddedServer}), or an external one. Opening it migrates the schema with Flyway from
 * {@code db/migration}. Should the server go away later, requests fail fast while it is known to be away
 * ({@link OutageBreaker}) and the pool reconnects once it is back, without a restart of kb.
 */
public final class Database implements AutoCloseable {
    /** How long a request waits for a pooled connection; why this long is said where the pool is configured. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    private static final int VALIDATION_SECONDS = 1;

    private final EmbeddedServer embedded;
    private final HikariDataSource pool;
    private final OutageBreaker breaker;
    private final DSLContext dsl;

    private Database(EmbeddedServer embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.breaker = new OutageBreaker(pool);
        this.dsl = DSL.using(breaker, SQLDialect.POSTGRES);
    }

    public static Database open(Config config) {
        return open(config, step -> { });
    }

    /** Opens the database, telling {@code status} each slow step (starting PostgreSQL, migrating) as it begins. */
    public static Database open(Config config, Consumer<String> status) {
        Config.DatabaseSettings settings = config.database();
        if (!settings.isEmbedded()) {
            status.accept("connecting to PostgreSQL at " + redact(settings.url()));
            return connect(null, settings.url(), settings.user(), settings.password(), settings.statementTimeout(),
                    status);
        }
        status.accept("starting PostgreSQL in " + config.postgresDir());
        EmbeddedServer server = EmbeddedServer.start(config.postgresDir());
        try {
            return connect(server, server.jdbcUrl(), EmbeddedServer.USER, server.password(),
                    settings.statementTimeout(), status);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static Database connect(EmbeddedServer embedded, String url, String user, String password,
                                    Duration statementTimeout, Consumer<String> status) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        // Batched inserts go out as multi-row statements: a large course's rows need far fewer round trips.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        // No statement runs for ever: PostgreSQL cancels one past the timeout (a clear 57014 error). The socket
        // timeout comes after it, for a connection that stopped answering altogether (a hung server, a network that
        // drops packets): without one, a read on it would wait for TCP's keep-alive, hours.
        hikari.setConnectionInitSql("set statement_timeout = " + statementTimeout.toMillis());
        hikari.addDataSourceProperty("socketTimeout", Long.toString(socketTimeout(statementTimeout).toSeconds()));
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
            throw new DatabaseUnavailable("cannot connect to PostgreSQL at " + redact(url) + ": " + describe(e), e);
        }
        try {
            status.accept("migrating the database schema");
            migrate(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw new DatabaseUnavailable("cannot migrate the database schema: " + describe(e), e);
        }
        return new Database(embedded, pool);
    }

    /**
     * The socket timeout: past the statement timeout, so that a long statement gets PostgreSQL's own cancellation,
     * and a quarter more (a second at least) for that answer to arrive. JDBC counts it in whole seconds.
     */
    static Duration socketTimeout(Duration statementTimeout) {
        Duration margin = statementTimeout.dividedBy(4).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : statementTimeout.dividedBy(4);
        return Duration.ofSeconds(statementTimeout.plus(margin).plusMillis(999).toSeconds());
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
        try (Connection connection = breaker.getConnection()) {
            if (!connection.isValid(VALIDATION_SECONDS)) {
                throw new SQLTransientConnectionException("PostgreSQL did not answer the connection check", "08006");
            }
        }
    }

    /**
     * Listens on {@code channel} (a plain identifier) on a connection of its own, made with the pool's settings but
     * outside it, named {@code kb-listener} in {@code pg_stat_activity}.
     */
    public Notices listen(String channel) throws SQLException {
        if (!channel.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not a channel name: " + channel);
        }
        Properties props = new Properties();
        pool.getDataSourceProperties().forEach(props::put);
        if (pool.getUsername() != null) {
            props.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            props.setProperty("password", pool.getPassword());
        }
        props.setProperty("ApplicationName", "kb-listener");
        props.setProperty("connectTimeout", Long.toString(CONNECTION_TIMEOUT.toSeconds()));
        return new Notices(DriverManager.getConnection(pool.getJdbcUrl(), props), channel);
    }

    /**
     * Requests for a connection that waited for the pool and got none. While PostgreSQL is known to be down,
     * requests fail without waiting, so one outage adds one here, not one per request or read.
     */
    public long failedConnectionWaits() {
        return breaker.failedWaits();
    }

    @Override
    public void close() {
        breaker.close();
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
