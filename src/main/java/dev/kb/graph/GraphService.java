package dev.kb.graph;

import dev.kb.common.NotFound;
import dev.kb.course.CourseService;
import dev.kb.store.AgendaStore;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.GraphStore;
import dev.kb.store.PrerequisiteRow;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/** Reads the stored prerequisite graph and answers questions about it. */
public final class GraphService {
    private final DSLContext dsl;
    private final CourseService courses;

    public GraphService(DSLContext dsl, CourseService courses) {
        this.dsl = dsl;
        this.courses = courses;
    }

    public GraphView course(String courseId) {
        courses.require(courseId);
        Map<String, DocumentRow> topics = topics(courseId);
        List<PrerequisiteRow> rows = new GraphStore(dsl).edges(courseId);
        return new GraphView(courseId,
                topics.values().stream().map(GraphService::node).toList(),
                rows.stream().filter(r -> !r.dropped()).map(GraphService::edge).toList(),
                rows.stream().filter(PrerequisiteRow::dropped)
                        .map(r -> new GraphView.DroppedEdge(r.fromId(), r.toId(), r.kind(), r.evidence(), r.dropReason()))
                        .toList());
    }

    public PrerequisitesView prerequisites(String topicId) {
        DocumentRow topic = new DocumentStore(dsl).find(topicId).filter(DocumentRow::isTopic)
                .orElseThrow(() -> new NotFound("topic", topicId));
        Map<String, DocumentRow> topics = topics(topic.courseId());
        List<PrerequisiteRow> edges = new GraphStore(dsl).edges(topic.courseId()).stream()
                .filter(r -> !r.dropped()).toList();
        Dag dag = new Dag();
        edges.forEach(e -> dag.addIfAcyclic(e.fromId(), e.toId()));
        Set<String> members = new HashSet<>(dag.ancestors(topicId));
        members.add(topicId);

        Map<String, Integer> position = AgendaOrder.positions(new AgendaStore(dsl).read(topic.courseId()));
        Comparator<String> agendaThenPath = Comparator
                .comparing((String id) -> position.getOrDefault(id, Integer.MAX_VALUE))
                .thenComparing(id -> topics.get(id).path());
        List<String> path = dag.topologicalOrder(members, agendaThenPath);
        return new PrerequisitesView(topicId,
                path.stream().map(topics::get).map(GraphService::node).toList(),
                edges.stream().filter(e -> members.contains(e.fromId()) && members.contains(e.toId()))
                        .map(GraphService::edge).toList(),
                path);
    }

    private Map<String, DocumentRow> topics(String courseId) {
        Map<String, DocumentRow> topics = new LinkedHashMap<>();
        new DocumentStore(dsl).list(courseId).stream().filter(DocumentRow::isTopic).forEach(d -> topics.put(d.id(), d));
        return topics;
    }

    private static GraphView.Node node(DocumentRow d) {
        return new GraphView.Node(d.id(), d.path(), d.title());
    }

    private static GraphView.Edge edge(PrerequisiteRow r) {
        return new GraphView.Edge(r.fromId(), r.toId(), r.kind(), r.weight(), r.evidence());
    }
}
