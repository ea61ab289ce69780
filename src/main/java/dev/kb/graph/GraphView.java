package dev.kb.graph;

import java.util.List;

/** A prerequisite graph as the API returns it: an edge {@code from → to} means "teach from before to". */
public record GraphView(String course, List<Node> nodes, List<Edge> edges, List<DroppedEdge> dropped) {

    public record Node(String id, String path, String title) {
    }

    public record Edge(String from, String to, String kind, double weight, String evidence) {
    }

    /** An inferred edge left out because it would have closed a cycle. */
    public record DroppedEdge(String from, String to, String kind, String evidence, String reason) {
    }
}
