package dev.kb.catalog;

import java.time.OffsetDateTime;

/** A commit as users see it: its id, when it was made, and the first line of its message. */
public record Commit(String sha, OffsetDateTime date, String message) {
}
