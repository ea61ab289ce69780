package dev.kb.search;

import java.util.EnumSet;
import java.util.Set;

/**
 * Field names of the Lucene index, in one place. Each topic is one Lucene document of TYPE "topic" (for ranking
 * topics), one of TYPE "section" per section (for naming and quoting the best section) and several of TYPE
 * "suggestion" (titles, headings, code terms, for completions).
 */
final class IndexFields {
    /** Unique key of a Lucene document: the topic id, or topic id + "#" + section ord, or + "~" + n. */
    static final String KEY = "key";
    /** The topic id on every kind of document: one term deletes or replaces a topic with all of its parts. */
    static final String TOPIC = "topic";
    static final String COURSE = "course";
    static final String TYPE = "type";
    static final String PATH = "path";

    // Stored for display.
    static final String TITLE = "title";
    static final String ANCHOR = "anchor";
    static final String HEADING = "heading";
    static final String BODY = "body";
    static final String CODE = "code";
    static final String SECTION_ORD = "section_ord";
    static final String SECTION_LANGUAGE = "section_language";
    static final String SUGGESTION = "suggestion";
    static final String SUGGESTION_KIND = "suggestion_kind";
    /** An external page: its reference id, URL and the topics that cite it ("topicId\tpath"). */
    static final String REFERENCE = "reference";
    static final String URL = "url";
    static final String CITED_BY = "cited_by";
    /** Orders completions: titles before headings before code terms. */
    static final String SUGGEST_RANK = "suggest_rank";

    // Filters and facets: indexed as keywords and as doc values.
    static final String MODULE = "module";
    static final String IN_AGENDA = "in_agenda";
    static final String LANGUAGE = "language";
    static final String KIND = "kind";
    /** "true" for an external page, "false" for a topic. */
    static final String EXTERNAL = "external";

    /** Topics first, then compiled handouts, then external pages, each by score. */
    static final String TIER = "tier";
    static final int TIER_TOPIC = 0;
    static final int TIER_HANDOUT = 1;
    static final int TIER_EXTERNAL = 2;
    /** A per-topic factor on the score: documents the agenda links rank above orphans for equal text. */
    static final String PRIOR = "prior";
    /** Completions: every prefix of every word of the suggestion. */
    static final String SUGGEST_PREFIXES = "suggest_prefixes";

    static final String TYPE_TOPIC = "topic";
    static final String TYPE_SECTION = "section";
    static final String TYPE_SUGGESTION = "suggestion";
    static final String TYPE_REFERENCE = "reference";
    static final String TYPE_PASSAGE = "passage";
    /** A passage's id, its order in the topic, and its text as shown. */
    static final String PASSAGE = "passage";
    static final String PASSAGE_ORD = "passage_ord";
    static final String PASSAGE_TEXT = "passage_text";
    /** A passage's meaning as a unit vector ({@link Embedder}), searched by dot product (HNSW graph). */
    static final String PASSAGE_VECTOR = "passage_vector";

    /** Searchable text, each indexed in the forms it is useful in (see {@link Analyses}). */
    enum Text {
        TITLE("title", EnumSet.allOf(Analyses.Form.class)),
        HEADINGS("headings", EnumSet.allOf(Analyses.Form.class)),
        AGENDA("agenda", EnumSet.allOf(Analyses.Form.class)),
        PATH("path_text", EnumSet.of(Analyses.Form.EXACT)),
        BODY("body", EnumSet.allOf(Analyses.Form.class)),
        CODE("code", EnumSet.of(Analyses.Form.EXACT)),
        HEADING("heading", EnumSet.allOf(Analyses.Form.class)),
        // Passages and external pages have fields of their own: sharing the topics' fields would change the term
        // statistics (how rare a word is, how long a text) that topics are ranked by.
        PASSAGE_TITLE("p_title", EnumSet.allOf(Analyses.Form.class)),
        PASSAGE_PATH("p_path", EnumSet.of(Analyses.Form.EXACT)),
        PASSAGE_HEADING("p_heading", EnumSet.allOf(Analyses.Form.class)),
        PASSAGE_BODY("p_body", EnumSet.allOf(Analyses.Form.class)),
        PASSAGE_CODE("p_code", EnumSet.of(Analyses.Form.EXACT)),
        EXTERNAL_TITLE("x_title", EnumSet.allOf(Analyses.Form.class)),
        EXTERNAL_BODY("x_body", EnumSet.allOf(Analyses.Form.class));

        final String base;
        final Set<Analyses.Form> forms;

        Text(String base, Set<Analyses.Form> forms) {
            this.base = base;
            this.forms = forms;
        }

        String field(Analyses.Form form) {
            return base + form.suffix();
        }

        /** Every searchable field in every form it is indexed in. */
        static java.util.List<String> searchedFields() {
            java.util.List<String> fields = new java.util.ArrayList<>();
            for (Text text : values()) {
                text.forms.forEach(form -> fields.add(text.field(form)));
            }
            return fields;
        }
    }

    private IndexFields() {
    }
}
