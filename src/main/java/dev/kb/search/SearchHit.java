package dev.kb.search;

import java.util.List;

/**
 * One topic or external page found. {@code anchor} and {@code heading} name a topic's best-matching section (null
 * when that is the text before the first heading); {@code snippet} is HTML: escaped text with the matches in
 * {@code <mark>}. {@code kind} says what kind of material a topic is; {@code handout} marks a compiled handout.
 * An external page a course cites has {@code external} set, a {@code reference}, and no topic id, path, kind or
 * language. Topics rank
 * first, then handouts, then external pages.
 */
public record SearchHit(String topicId, String course, String path, String title, String anchor, String heading,
                        String snippet, float score, String kind, String language, boolean inAgenda,
                        boolean handout, boolean external, Reference reference) {

    /** An external page: its reference id (see {@code /references/{id}}), URL, and the topics that link it. */
    public record Reference(String id, String url, List<Citation> citedBy) {
    }

    /** A topic citing an external page. */
    public record Citation(String topicId, String path) {
    }
}
