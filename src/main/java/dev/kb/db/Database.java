package dev.kb.db;

import static dev.kb.common.Errors.rootMessage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kb.config.Config;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL kb talks to: an embedded server whose data directory lives under the data dir (so a restart
 * keeps everything), or an external one. Opening it migrates the schema with Flyway from {@code db/migration}.
 */
public final class Database implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    private Database(EmbeddedPostgres embedded, HikariDataSource pool) {
        this.embedded = embedded;
        this.pool = pool;
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
    }

    public static Database open(Config config) {
        Config.DatabaseSettings settings = config.database();
        if (!settings.isEmbedded()) {
            return connect(null, settings.url(), settings.user(), settings.password());
        }
        EmbeddedPostgres pg = startEmbedded(config.postgresDir());
        try {
            return connect(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", null);
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

    private static Database connect(EmbeddedPostgres embedded, String url, String user, String password) {
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
        hikari.setConnectionTimeout(10_000);
        // Fail at once with one clear message rather than waiting for the first query.
        hikari.setInitializationFailTimeout(3_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailable("cannot connect to PostgreSQL at " + redact(url) + ": " + rootMessage(e), e);
        }
        try {
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

    /** True when PostgreSQL answers a trivial query. */
    public boolean isUp() {
        try {
            dsl.selectOne().fetch();
            return true;
        } catch (RuntimeException e) {
            return false;
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
