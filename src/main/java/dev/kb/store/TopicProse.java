package dev.kb.store;

import java.util.List;

/** A topic's headings and prose (no code): what subject terms are looked for in. */
public record TopicProse(List<String> headings, String body) {
}
