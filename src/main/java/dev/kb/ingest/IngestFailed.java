package dev.kb.ingest;

/** An index run that could not finish; the previous state of the course is still the one stored. */
public final class IngestFailed extends RuntimeException {
    public IngestFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
