package dev.kb.search;

import java.util.List;

/**
 * One topic or external page found. {@code anchor} and {@code heading} name a topic's best-matching section (null
 * when that is the text before the first heading); {@code snippet} is HTML: escaped text with the matches in
 * {@code <mark>}. {@code kind} says what kind of material a topic is; {@code handout} marks a compiled handout.
 * An external page a course cites has {@code external} set, a {@code reference}, and no topic id, path, kind or
 * language. Topics rank first, then handouts, then external pages. Built through {@link #topic} and
 * {@link #externalPage}, which say which fields each kind has.
 */
public record SearchHit(String topicId, String course, String path, String title, String anchor, String heading,
                        String snippet, float score, String kind, String language, boolean inAgenda,
                        boolean handout, boolean external, Reference reference) {

    /** What a topic hit says about its topic: where it is, what it is, and how it stands in the course. */
    public record Topic(String id, String course, String path, String title, String kind, String language,
                        boolean inAgenda, boolean handout) {
    }

    /** The best-matching section of a topic (anchor and heading null for the text before the first heading). */
    public record Match(String anchor, String heading, String snippet) {
    }

    public static SearchHit topic(Topic topic, Match match, float score) {
        return new SearchHit(topic.id(), topic.course(), topic.path(), topic.title(), match.anchor(), match.heading(),
                match.snippet(), score, topic.kind(), topic.language(), topic.inAgenda(), topic.handout(), false, null);
    }

    public static SearchHit externalPage(String course, String title, String snippet, float score, Reference reference) {
        return new SearchHit(null, course, null, title, null, null, snippet, score, null, null, false, false, true,
                reference);
    }

    /** An external page: its reference id (see {@code /references/{id}}), URL, and the topics that link it. */
    public record Reference(String id, String url, List<Citation> citedBy) {
    }

    /** A topic citing an external page. */
    public record Citation(String topicId, String path) {
    }
}
