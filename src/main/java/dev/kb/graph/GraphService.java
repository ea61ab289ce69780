package dev.kb.graph;

import dev.kb.common.InvalidInput;
import dev.kb.common.NotFound;
import dev.kb.course.CourseService;
import dev.kb.store.AgendaStore;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.GraphStore;
import dev.kb.store.PrerequisiteRow;
import dev.kb.store.StoredAgenda;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;

/** Reads the stored prerequisite graph and answers questions about it. */
public final class GraphService {
    /** At most this many goals or known topics in one learning-path request. */
    public static final int MAX_TOPICS_PER_REQUEST = 100;

    private final DSLContext dsl;
    private final CourseService courses;

    public GraphService(DSLContext dsl, CourseService courses) {
        this.dsl = dsl;
        this.courses = courses;
    }

    public GraphView course(String courseId, boolean reduced) {
        courses.require(courseId);
        return load(courseId).view(reduced);
    }

    public PrerequisitesView prerequisites(String topicId, boolean reduced) {
        return around(topicId, reduced, true);
    }

    public PrerequisitesView dependents(String topicId, boolean reduced) {
        return around(topicId, reduced, false);
    }

    /** The topic with everything before it (its prerequisites) or after it (its dependents). */
    private PrerequisitesView around(String topicId, boolean reduced, boolean before) {
        CourseGraph graph = load(topic(topicId).courseId());
        Set<String> members = new HashSet<>(before ? graph.ancestors(topicId) : graph.descendants(topicId));
        members.add(topicId);
        List<String> order = graph.teachingOrder(members);
        return new PrerequisitesView(topicId, reduced, order.stream().map(graph::node).toList(),
                graph.edgesAmong(members, reduced), order);
    }

    /** Every prerequisite of the topic in teaching order, then the topic, each with why it is there. */
    public LearningPath learningPath(String topicId) {
        DocumentRow topic = topic(topicId);
        return path(topic.courseId(), load(topic.courseId()), List.of(topicId), List.of());
    }

    /** The path to several goals at once, leaving out what the learner knows and everything it builds on. */
    public LearningPath learningPath(String courseId, List<String> goals, List<String> known) {
        courses.require(courseId);
        CourseGraph graph = load(courseId);
        requireTopics(graph, goals, "goals", courseId);
        requireTopics(graph, known, "known", courseId);
        return path(courseId, graph, goals, known);
    }

    /**
     * Where the agenda teaches a topic before one of its prerequisites: inside a module, an item before the item
     * it builds on; across the agenda, a topic first taught before a prerequisite is first taught.
     */
    public List<Conflict> conflicts(String courseId) {
        courses.require(courseId);
        CourseGraph graph = load(courseId);
        StoredAgenda agenda = new AgendaStore(dsl).read(courseId);
        List<Conflict> result = new ArrayList<>();
        Set<List<String>> reported = new HashSet<>();
        for (StoredAgenda.Section s : agenda.sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                Map<String, StoredAgenda.Item> firstInModule = new LinkedHashMap<>();
                m.items().stream().filter(i -> i.documentId() != null)
                        .forEach(i -> firstInModule.putIfAbsent(i.documentId(), i));
                List<String> order = new ArrayList<>(firstInModule.keySet());
                for (int later = 0; later < order.size(); later++) {
                    for (int earlier = 0; earlier < later; earlier++) {
                        PrerequisiteRow e = graph.edge(order.get(later), order.get(earlier));
                        if (e != null && reported.add(List.of(e.fromId(), e.toId()))) {
                            result.add(conflict(graph, e, place(s, m, firstInModule.get(e.fromId())),
                                    place(s, m, firstInModule.get(e.toId()))));
                        }
                    }
                }
            }
        }
        Map<String, String> places = places(agenda);
        for (PrerequisiteRow e : graph.againstAgenda()) {
            if (reported.add(List.of(e.fromId(), e.toId()))) {
                result.add(conflict(graph, e, places.get(e.fromId()), places.get(e.toId())));
            }
        }
        return result;
    }

    private static Conflict conflict(CourseGraph graph, PrerequisiteRow e, String prerequisitePlace, String topicPlace) {
        return new Conflict(graph.node(e.fromId()), graph.node(e.toId()), e.kind(), e.evidence(), prerequisitePlace,
                topicPlace);
    }

    private static String place(StoredAgenda.Section s, StoredAgenda.Module m, StoredAgenda.Item i) {
        return s.title() + " › " + m.title() + " › " + i.item().title();
    }

    private LearningPath path(String courseId, CourseGraph graph, List<String> goals, List<String> known) {
        Set<String> members = new LinkedHashSet<>();
        for (String goal : goals) {
            members.addAll(graph.ancestors(goal));
            members.add(goal);
        }
        for (String k : known) {
            members.remove(k);
            members.removeAll(graph.ancestors(k));
        }
        List<LearningPath.Step> steps = new ArrayList<>();
        for (String id : graph.teachingOrder(members)) {
            List<LearningPath.Because> because = new ArrayList<>();
            for (PrerequisiteRow e : graph.edgesFrom(id, members)) {
                because.add(new LearningPath.Because(e.toId(), e.kind(), e.evidence()));
            }
            GraphView.Node node = graph.node(id);
            steps.add(new LearningPath.Step(id, node.path(), node.title(), goals.contains(id), because));
        }
        return new LearningPath(courseId, List.copyOf(goals), List.copyOf(known), steps);
    }

    private static void requireTopics(CourseGraph graph, List<String> ids, String parameter, String courseId) {
        if (ids.size() > MAX_TOPICS_PER_REQUEST) {
            throw new InvalidInput(parameter, "'" + parameter + "' names more than " + MAX_TOPICS_PER_REQUEST + " topics");
        }
        for (String id : ids) {
            if (!graph.contains(id)) {
                throw new NotFound("topic of course " + courseId, id);
            }
        }
    }

    private DocumentRow topic(String topicId) {
        return new DocumentStore(dsl).find(topicId).filter(DocumentRow::isTopic)
                .orElseThrow(() -> new NotFound("topic", topicId));
    }

    private CourseGraph load(String courseId) {
        Map<String, DocumentRow> topics = new LinkedHashMap<>();
        new DocumentStore(dsl).list(courseId).stream().filter(DocumentRow::isTopic).forEach(d -> topics.put(d.id(), d));
        return new CourseGraph(courseId, topics, new GraphStore(dsl).edges(courseId),
                AgendaOrder.positions(new AgendaStore(dsl).read(courseId)));
    }

    /** Where the agenda first teaches each topic, in words. */
    private static Map<String, String> places(StoredAgenda agenda) {
        Map<String, String> places = new HashMap<>();
        for (StoredAgenda.Section s : agenda.sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                for (StoredAgenda.Item i : m.items()) {
                    if (i.documentId() != null) {
                        places.putIfAbsent(i.documentId(), place(s, m, i));
                    }
                }
            }
        }
        return places;
    }
}
