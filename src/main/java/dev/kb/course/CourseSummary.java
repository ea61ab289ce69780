package dev.kb.course;

import java.time.OffsetDateTime;

/** A course in the course list: what it is and how big. */
public record CourseSummary(String id, String title, int topics, int agendaItems, OffsetDateTime indexedAt,
                            Long lastRunId) {
}
