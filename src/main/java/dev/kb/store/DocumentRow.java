package dev.kb.store;

import java.time.OffsetDateTime;

/**
 * A stored document without its text. kind is "topic" or "agenda"; category says what kind of material a topic
 * is (exercise, walkthrough, overview, reference); handout marks a compiled handout.
 */
public record DocumentRow(String id, String courseId, String path, String kind, String title, String contentHash,
                          int sizeBytes, int wordCount, int codeBlockCount, int imageCount, OffsetDateTime updatedAt,
                          String language, String category, boolean handout) {
    public boolean isTopic() {
        return "topic".equals(kind);
    }
}
