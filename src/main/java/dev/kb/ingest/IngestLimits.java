package dev.kb.ingest;

/** Bounds that keep one hostile file from stalling a run: larger markdown files are indexed only in part. */
public record IngestLimits(int maxFileBytes) {
    public static final IngestLimits DEFAULT = new IngestLimits(2 * 1024 * 1024);
}
