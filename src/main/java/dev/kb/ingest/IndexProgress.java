package dev.kb.ingest;

/** Told how an index run advances: its phase (scan, parse, store, search index) and, where counted, how far. */
public interface IndexProgress {
    void update(String phase, int done, int total);

    IndexProgress NONE = (phase, done, total) -> { };
}
