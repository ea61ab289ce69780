package dev.kb.store;

import java.time.OffsetDateTime;

/** A stored document without its text. kind is "topic" or "agenda". */
public record DocumentRow(String id, String courseId, String path, String kind, String title, String contentHash,
                          int sizeBytes, int wordCount, int codeBlockCount, int imageCount, OffsetDateTime updatedAt) {
    public boolean isTopic() {
        return "topic".equals(kind);
    }
}
