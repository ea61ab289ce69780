package dev.kb.search;

import java.util.List;

/**
 * What the agenda says about a topic, for ranking and filtering: the titles of the items that link it, the
 * modules those items are in, and whether it is a compiled handout.
 */
record TopicContext(List<String> agendaTitles, List<String> modules, boolean handout) {
    static final TopicContext NONE = new TopicContext(List.of(), List.of(), false);

    boolean inAgenda() {
        return !agendaTitles.isEmpty();
    }
}
