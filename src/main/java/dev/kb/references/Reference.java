package dev.kb.references;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An external URL a course cites, with where it is used and what checking it found. {@code status}: ok,
 * redirected, broken, error, excluded, or unchecked.
 */
public record Reference(String id, String url, String host, String status, Integer httpStatus, String finalUrl,
                        String contentType, String title, OffsetDateTime checkedAt, String error, List<Usage> usages) {

    /** A use of the URL: in a topic (its id, path, link text and line) or in the agenda (path README.md). */
    public record Usage(String course, String topicId, String path, String text, Integer line) {
    }
}
