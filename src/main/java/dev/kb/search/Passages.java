package dev.kb.search;

import java.util.List;

/**
 * The passages that best answer a question, for retrieval-augmented answers: at most {@code k} of them and at
 * most {@code maxChars} of text in all, best first. {@code totalChars} is the text returned.
 */
public record Passages(String query, int k, int maxChars, int totalChars, List<Passage> passages) {

    /**
     * One passage: {@code text} as markdown-like plain text (code blocks fenced), {@code chunks} the ids of the
     * stored passages it is made of (adjacent passages of one topic are merged; ids are stable while the text
     * is unchanged), {@code truncated} when it alone was longer than {@code maxChars} and was cut.
     */
    public record Passage(String id, List<String> chunks, String text, float score, boolean truncated,
                          Citation citation) {
    }

    /**
     * Where a passage comes from: the topic, its section ({@code heading} and {@code anchor} null for the text
     * before the first heading) and {@code url}, the API address of that section: under the server's public URL,
     * or relative to the server root when it has none.
     */
    public record Citation(String topicId, String course, String path, String title, String heading, String anchor,
                           String url) {
    }
}
