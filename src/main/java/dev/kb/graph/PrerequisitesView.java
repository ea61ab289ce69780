package dev.kb.graph;

import java.util.List;

/**
 * Everything to teach before one topic (or, for dependents, everything that builds on it): the nodes and the
 * edges among them, and {@code learningPath}, the topics in a valid teaching order ending with the topic itself
 * (for dependents: starting with it).
 */
public record PrerequisitesView(String topicId, boolean reduced, List<GraphView.Node> nodes, List<GraphView.Edge> edges,
                                List<String> learningPath) {
}
