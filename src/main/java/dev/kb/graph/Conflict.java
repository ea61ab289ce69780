package dev.kb.graph;

/**
 * The agenda teaches {@code topic} (at {@code topicPlace}) before {@code prerequisite} (at
 * {@code prerequisitePlace}), although the evidence says the prerequisite comes first.
 */
public record Conflict(GraphView.Node prerequisite, GraphView.Node topic, String kind, String evidence,
                       String prerequisitePlace, String topicPlace) {
}
