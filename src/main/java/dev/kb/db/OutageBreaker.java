package dev.kb.db;

import dev.kb.common.DatabaseUnavailable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * The pool as kb's code sees it, with a circuit breaker: one outage, one wait. Once a connection could not be had
 * because PostgreSQL could not be reached, every later request for one fails at once (a 503 in milliseconds rather
 * than another pool timeout; a topic read once waited three in a row) while one background probe asks the pool every
 * {@link #PROBE_EVERY} and closes the breaker when PostgreSQL answers again. A pool timeout under load (every
 * connection busy, PostgreSQL fine) does not open it: only a failed connection attempt does.
 */
final class OutageBreaker implements DataSource {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(OutageBreaker.class);
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private final DataSource pool;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong failedWaits = new AtomicLong();
    private volatile boolean closed;

    OutageBreaker(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (open.get()) {
            throw new SQLTransientConnectionException("PostgreSQL is not answering (known since an earlier attempt); "
                    + "kb asks again every " + PROBE_EVERY.toSeconds() + " s", "08001");
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            failedWaits.incrementAndGet();
            if (isOutage(e)) {
                trip(e);
            }
            throw e;
        }
    }

    /** Whether PostgreSQL is known to be unreachable right now (requests fail without waiting). */
    boolean isOpen() {
        return open.get();
    }

    /** Requests for a connection that waited for the pool and got none: an outage costs one, not one per read. */
    long failedWaits() {
        return failedWaits.get();
    }

    void close() {
        closed = true;
    }

    /** A connection attempt failed, not merely the wait for a busy pool: the pool's timeout carries that failure. */
    private static boolean isOutage(SQLException e) {
        return DatabaseUnavailable.isCauseOf(e.getCause()) || DatabaseUnavailable.isCauseOf(e.getNextException());
    }

    private void trip(SQLException e) {
        if (open.compareAndSet(false, true)) {
            LOG.warn("{}: requests that need PostgreSQL fail at once (503) until it answers again",
                    dev.kb.common.Errors.describe(e));
        }
        startProbe();
    }

    private void startProbe() {
        if (!closed && probing.compareAndSet(false, true)) {
            Thread probe = new Thread(this::probe, "kb-database-probe");
            probe.setDaemon(true);
            probe.start();
        }
    }

    private void probe() {
        try {
            while (!closed && open.get()) {
                try {
                    Thread.sleep(PROBE_EVERY.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                try (Connection ignored = pool.getConnection()) {
                    open.set(false);
                    LOG.info("PostgreSQL answers again");
                    return;
                } catch (SQLException | RuntimeException stillDown) {
                    LOG.debug("PostgreSQL still cannot be reached: {}", stillDown.getMessage());
                }
            }
        } finally {
            probing.set(false);
            // Tripped again while this probe was finishing: that outage needs a probe of its own.
            if (open.get()) {
                startProbe();
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("kb's pool has one user");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
