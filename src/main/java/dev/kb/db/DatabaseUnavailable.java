package dev.kb.db;

/** PostgreSQL cannot be reached or started; the message is meant for the person running kb. */
public final class DatabaseUnavailable extends RuntimeException {
    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
