package dev.kb.store;

import dev.kb.model.ParsedDocument;

/** A parsed file ready to be written. */
public record NewDocument(String path, String kind, String contentHash, int parserVersion, int sizeBytes,
                          String markdown, ParsedDocument parsed) {
}
