package dev.kb.search;

import java.util.Locale;

/** A completion for what a user is typing: a title, heading or code term of a topic. */
public record Suggestion(String text, String kind, String topicId, String course, String path, String anchor) {

    enum Kind {
        TITLE(3), HEADING(2), CODE(1);

        private final int rank;

        Kind(int rank) {
            this.rank = rank;
        }

        int rank() {
            return rank;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
