package dev.kb.store;

import java.time.OffsetDateTime;

public record CourseRow(String id, String title, String rootPath, OffsetDateTime createdAt, OffsetDateTime indexedAt) {
}
