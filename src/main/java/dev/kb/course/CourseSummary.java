package dev.kb.course;

import java.time.OffsetDateTime;

/**
 * A course in the course list: what it is, how big, and where it comes from ({@code source}; null for a course
 * indexed without one, such as by {@code kb index}). A course followed from git whose first fetch failed is listed
 * with its source and error, without title or index run.
 */
public record CourseSummary(String id, String title, int topics, int agendaItems, OffsetDateTime indexedAt,
                            Long lastRunId, SourceView source) {
}
