package dev.kb.graph;

import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import dev.kb.store.DocumentRow;
import dev.kb.store.PrerequisiteRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A course's stored prerequisite graph in memory, with the operations the API offers on it. */
final class CourseGraph {
    private final String courseId;
    private final Map<String, DocumentRow> topics;
    private final Map<List<String>, PrerequisiteRow> edges = new LinkedHashMap<>();
    private final List<PrerequisiteRow> dropped = new ArrayList<>();
    private final Map<String, Integer> position;
    private final Dag dag = new Dag();

    CourseGraph(String courseId, Map<String, DocumentRow> topics, List<PrerequisiteRow> rows,
                Map<String, Integer> position) {
        this.courseId = courseId;
        this.topics = topics;
        this.position = position;
        for (PrerequisiteRow r : rows) {
            if (r.dropped()) {
                dropped.add(r);
            } else {
                edges.put(List.of(r.fromId(), r.toId()), r);
                dag.addIfAcyclic(r.fromId(), r.toId());
            }
        }
    }

    boolean contains(String topicId) {
        return topics.containsKey(topicId);
    }

    Set<String> ancestors(String id) {
        return dag.ancestors(id);
    }

    Set<String> descendants(String id) {
        return dag.descendants(id);
    }

    /** The members in a teaching order: prerequisites first, then agenda order, then path. */
    List<String> teachingOrder(Collection<String> members) {
        return dag.topologicalOrder(members, Comparator
                .comparing((String id) -> position.getOrDefault(id, Integer.MAX_VALUE))
                .thenComparing(id -> topics.get(id).path()));
    }

    /** Every topic's id, in the order read. */
    Set<String> topicIds() {
        return topics.keySet();
    }

    /** The members as nodes (in the order read), the edges among them and the dropped edges among them. */
    GraphView view(Set<String> members, boolean reduced, int maxEdges, boolean isolated) {
        List<GraphView.Edge> edgesAmong = edgesAmong(members, reduced, maxEdges);
        Set<String> connected = new HashSet<>();
        edgesAmong.forEach(e -> {
            connected.add(e.from());
            connected.add(e.to());
        });
        List<GraphView.Node> nodes = topics.values().stream().filter(d -> members.contains(d.id()))
                .filter(d -> isolated || connected.contains(d.id())).map(CourseGraph::node).toList();
        List<GraphView.DroppedEdge> droppedEdges = dropped.stream()
                .filter(r -> members.contains(r.fromId()) && members.contains(r.toId()))
                .map(r -> new GraphView.DroppedEdge(r.fromId(), r.toId(), r.kind(), r.evidence(), r.dropReason()))
                .toList();
        return new GraphView(courseId, reduced, nodes, edgesAmong, droppedEdges);
    }

    /**
     * The edges among the members: the transitive reduction, or every implied pair. More than {@code maxEdges}
     * are refused as soon as they are counted: the implied pairs grow with the square of the members.
     */
    List<GraphView.Edge> edgesAmong(Set<String> members, boolean reduced, int maxEdges) {
        Dag sub = new Dag();
        edges.keySet().stream().filter(k -> members.contains(k.get(0)) && members.contains(k.get(1)))
                .forEach(k -> sub.addIfAcyclic(k.get(0), k.get(1)));
        List<GraphView.Edge> result = new ArrayList<>();
        if (reduced) {
            for (List<String> pair : sub.reduction()) {
                result.add(edge(edges.get(pair)));
            }
        } else {
            for (String to : members) {
                Set<String> before = sub.ancestors(to);
                if (result.size() + before.size() > maxEdges) {
                    throw tooManyEdges(maxEdges);
                }
                for (String from : before) {
                    PrerequisiteRow direct = edges.get(List.of(from, to));
                    result.add(direct != null ? edge(direct) : new GraphView.Edge(from, to, "implied", 0,
                            "implied: " + topics.get(from).path() + " comes before " + topics.get(to).path()
                                    + " through other prerequisites", List.of()));
                }
            }
        }
        if (result.size() > maxEdges) {
            throw tooManyEdges(maxEdges);
        }
        result.sort(Comparator.comparing(GraphView.Edge::from).thenComparing(GraphView.Edge::to));
        return result;
    }

    private static LimitExceeded tooManyEdges(int maxEdges) {
        return new LimitExceeded(Limit.GRAPH_EDGES, maxEdges, null, "the graph has more than the limit of " + maxEdges
                + " edges per answer; ask for the reduced graph (reduced=true), or for fewer topics (one agenda "
                + "module's with module=<its title>)");
    }

    /**
     * Direct edges the agenda contradicts: it teaches the later topic, at its last appearance ({@code last}), before
     * the prerequisite's first.
     */
    List<PrerequisiteRow> againstAgenda(Map<String, Integer> last) {
        List<PrerequisiteRow> result = new ArrayList<>();
        for (PrerequisiteRow e : edges.values()) {
            Integer from = position.get(e.fromId());
            Integer to = last.get(e.toId());
            if (from != null && to != null && to < from) {
                result.add(e);
            }
        }
        result.sort(Comparator.comparing((PrerequisiteRow e) -> position.get(e.toId()))
                .thenComparing(e -> position.get(e.fromId())));
        return result;
    }

    /** The direct edge from → to, or null. */
    PrerequisiteRow edge(String from, String to) {
        return edges.get(List.of(from, to));
    }

    /** Direct edges leaving {@code from} towards members. */
    List<PrerequisiteRow> edgesFrom(String from, Set<String> members) {
        List<PrerequisiteRow> result = new ArrayList<>();
        for (PrerequisiteRow e : edges.values()) {
            if (e.fromId().equals(from) && members.contains(e.toId())) {
                result.add(e);
            }
        }
        return result;
    }

    GraphView.Node node(String id) {
        return node(topics.get(id));
    }

    static GraphView.Node node(DocumentRow d) {
        return new GraphView.Node(d.id(), d.path(), d.title());
    }

    static GraphView.Edge edge(PrerequisiteRow r) {
        return new GraphView.Edge(r.fromId(), r.toId(), r.kind(), r.weight(), r.evidence(), r.reasons().stream()
                .map(x -> new GraphView.Reason(x.kind(), x.weight(), x.detail())).toList());
    }
}
