package dev.kb.graph;

import java.util.List;

/**
 * Everything to teach before one topic: the nodes and edges among them, and {@code learningPath}, every
 * prerequisite in a valid teaching order followed by the topic itself.
 */
public record PrerequisitesView(String topicId, List<GraphView.Node> nodes, List<GraphView.Edge> edges,
                                List<String> learningPath) {
}
