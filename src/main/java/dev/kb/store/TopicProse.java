package dev.kb.store;

import java.util.List;

/**
 * A topic's headings and prose, and apart from them its code: what subject terms are looked for in. Prose says what
 * a lesson is about; code says which commands it uses ("CREATE PROCEDURE" in a lesson on cursors).
 */
public record TopicProse(List<String> headings, String body, String code) {
    public TopicProse(List<String> headings, String body) {
        this(headings, body, "");
    }
}
