package dev.kb.search;

/**
 * One topic found. {@code anchor} and {@code heading} name its best-matching section (null when that is the
 * text before the first heading); {@code snippet} is HTML: escaped text with the matches in {@code <mark>}.
 * {@code kind} says what kind of material it is; {@code handout} marks a compiled handout, always ranked last.
 */
public record SearchHit(String topicId, String course, String path, String title, String anchor, String heading,
                        String snippet, float score, String kind, String language, boolean inAgenda,
                        boolean handout) {
}
