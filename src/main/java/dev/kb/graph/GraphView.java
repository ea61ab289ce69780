package dev.kb.graph;

import java.util.List;

/**
 * A prerequisite graph as the API returns it: an edge {@code from → to} means "teach from before to".
 * {@code reduced} graphs leave out edges that other paths imply; full ones add every implied pair (kind "implied").
 */
public record GraphView(String course, boolean reduced, List<Node> nodes, List<Edge> edges, List<DroppedEdge> dropped) {

    public record Node(String id, String path, String title) {
    }

    /** {@code evidence} in one line; {@code reasons} each piece of it. */
    public record Edge(String from, String to, String kind, double weight, String evidence, List<Reason> reasons) {
    }

    public record Reason(String kind, double weight, String detail) {
    }

    /** An inferred edge left out because it would have closed a cycle. */
    public record DroppedEdge(String from, String to, String kind, String evidence, String reason) {
    }
}
