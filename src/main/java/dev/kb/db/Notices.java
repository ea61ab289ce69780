package dev.kb.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A PostgreSQL {@code LISTEN} on its own connection, outside the pool: it is held for as long as kb runs, and a
 * pooled one would count its failures as the requests' (see {@code OutageBreaker}). When the connection fails,
 * {@link #await} throws; the caller opens a new one and catches up with what it missed meanwhile.
 */
public final class Notices implements AutoCloseable {
    private final Connection connection;
    private final PGConnection pg;

    Notices(Connection connection, String channel) throws SQLException {
        this.connection = connection;
        try {
            this.pg = connection.unwrap(PGConnection.class);
            try (Statement s = connection.createStatement()) {
                s.execute("LISTEN " + channel);
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The payloads of the notices sent since the last call, waiting up to {@code timeout} for the first. */
    public List<String> await(Duration timeout) throws SQLException {
        PGNotification[] notices = pg.getNotifications((int) Math.max(1, timeout.toMillis()));
        List<String> payloads = new ArrayList<>();
        if (notices != null) {
            for (PGNotification n : notices) {
                payloads.add(n.getParameter());
            }
        }
        if (payloads.isEmpty() && !connection.isValid(1)) {
            throw new SQLException("the listening connection to PostgreSQL was lost", "08006");
        }
        return payloads;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
