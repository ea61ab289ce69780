package dev.kb.search;

/**
 * Field names of the Lucene index, in one place. Each topic is one Lucene document of TYPE "topic" (for
 * ranking documents) plus one of TYPE "section" per section (for naming and quoting the best section).
 */
final class IndexFields {
    /** Unique key of a Lucene document: the topic id, or topic id + "#" + section ord. */
    static final String KEY = "key";
    /** The topic id on both kinds of documents: one term deletes or replaces a topic with its sections. */
    static final String TOPIC = "topic";
    static final String COURSE = "course";
    static final String TYPE = "type";
    static final String PATH = "path";
    /** The path split into words, so "kube-bench" or "can-i" find files named after them. */
    static final String PATH_TEXT = "path_text";
    static final String TITLE = "title";
    static final String HEADINGS = "headings";
    static final String BODY = "body";
    static final String CODE = "code";
    static final String ANCHOR = "anchor";
    static final String HEADING = "heading";
    static final String SECTION_ORD = "section_ord";

    static final String TYPE_TOPIC = "topic";
    static final String TYPE_SECTION = "section";

    private IndexFields() {
    }
}
