package dev.kb.graph;

import dev.kb.common.InvalidInput;
import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import dev.kb.common.NotFound;
import dev.kb.course.CourseService;
import dev.kb.model.TopicIds;
import dev.kb.store.DocumentRow;
import dev.kb.store.PrerequisiteRow;
import dev.kb.store.StoredAgenda;
import dev.kb.store.Stores;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the stored prerequisite graph and answers questions about it. An answer's size follows the course's, so
 * it is bounded: a graph, path or topic set larger than {@code maxTopics} topics or {@code maxEdges} edges is
 * refused ({@link Limit#GRAPH_TOPICS}, {@link Limit#GRAPH_EDGES}) with a hint how to ask for less.
 */
public final class GraphService {
    /** At most this many goals or known topics in one learning-path request. */
    public static final int MAX_TOPICS_PER_REQUEST = 100;
    /** Topics of one answer: ten times a large course, a few hundred KB of JSON. */
    public static final int MAX_GRAPH_TOPICS = 2_000;
    /** Edges of one answer: a full graph ({@code reduced=false}) has up to n² of them, a few MB at this count. */
    public static final int MAX_GRAPH_EDGES = 20_000;

    private final Stores stores;
    private final CourseService courses;
    private final int maxTopics;
    private final int maxEdges;

    public GraphService(Stores stores, CourseService courses) {
        this(stores, courses, MAX_GRAPH_TOPICS, MAX_GRAPH_EDGES);
    }

    public GraphService(Stores stores, CourseService courses, int maxTopics, int maxEdges) {
        this.stores = stores;
        this.courses = courses;
        this.maxTopics = maxTopics;
        this.maxEdges = maxEdges;
    }

    public GraphView course(String courseId, boolean reduced) {
        return course(courseId, null, reduced, false);
    }

    /**
     * The course's graph; with {@code module} (an agenda module's title) only the topics that module links and
     * the edges among them. Topics without an edge among them are left out unless {@code isolated}: most of a
     * course is reference material that nothing builds on, and a picture of it hides the few chains.
     */
    public GraphView course(String courseId, String module, boolean reduced, boolean isolated) {
        courses.require(courseId);
        Map<String, DocumentRow> topics = topics(courseId);
        if (module == null) {
            // Counted before the edges are read: a course too large for one answer costs one query to refuse.
            requireWithin(topics.size(), "the graph of course " + courseId + " has " + topics.size() + " topics",
                    "ask for one agenda module's graph with module=<its title>, or for one topic's prerequisites");
        }
        CourseGraph graph = load(courseId, topics);
        Set<String> members = module == null ? graph.topicIds() : moduleTopics(courseId, module, graph);
        if (module != null) {
            requireWithin(members.size(), "agenda module '" + module + "' links " + members.size() + " topics",
                    "ask for one topic's prerequisites instead");
        }
        return graph.view(members, reduced, maxEdges, isolated);
    }

    public PrerequisitesView prerequisites(String topicId, boolean reduced) {
        return around(topicId, reduced, true);
    }

    public PrerequisitesView dependents(String topicId, boolean reduced) {
        return around(topicId, reduced, false);
    }

    /** The topic with everything before it (its prerequisites) or after it (its dependents). */
    private PrerequisitesView around(String topicId, boolean reduced, boolean before) {
        DocumentRow topic = topic(topicId);
        CourseGraph graph = load(topic.courseId());
        if (!graph.topicIds().contains(topicId)) {
            // A compiled handout is no node of the graph: nothing comes before or after it.
            return new PrerequisitesView(topicId, reduced, List.of(CourseGraph.node(topic)), List.of(),
                    List.of(topicId));
        }
        Set<String> members = new HashSet<>(before ? graph.ancestors(topicId) : graph.descendants(topicId));
        members.add(topicId);
        requireWithin(members.size(), "the topic and its " + (before ? "prerequisites" : "dependents") + " are "
                + members.size() + " topics", "ask about a topic " + (before ? "earlier" : "later") + " in the course");
        List<String> order = graph.teachingOrder(members);
        return new PrerequisitesView(topicId, reduced, order.stream().map(graph::node).toList(),
                graph.edgesAmong(members, reduced, maxEdges), order);
    }

    /** Every prerequisite of the topic in teaching order, then the topic, each with why it is there. */
    public LearningPath learningPath(String topicId) {
        DocumentRow topic = topic(topicId);
        return path(topic.courseId(), load(topic.courseId()), List.of(topicId), List.of());
    }

    /**
     * The path to several goals at once, leaving out what the learner knows and everything it builds on. Goals and
     * known topics are named by topic id or by path in the course, as every client (REST, MCP) may name them.
     */
    public LearningPath learningPath(String courseId, List<String> goals, List<String> known) {
        courses.require(courseId);
        CourseGraph graph = load(courseId);
        List<String> goalIds = topicIds(graph, courseId, goals, "goals");
        if (goalIds.isEmpty()) {
            throw new InvalidInput("goals", "'goals' must name at least one topic, by id or path");
        }
        return path(courseId, graph, goalIds, topicIds(graph, courseId, known, "known"));
    }

    /**
     * Where the agenda teaches a topic before one of its prerequisites: inside a module, an item before the item
     * it builds on; across the agenda, a topic first taught before a prerequisite is first taught.
     */
    public List<Conflict> conflicts(String courseId) {
        courses.require(courseId);
        CourseGraph graph = load(courseId);
        StoredAgenda agenda = stores.agenda().read(courseId);
        List<Conflict> result = new ArrayList<>();
        Set<List<String>> reported = new HashSet<>();
        for (StoredAgenda.Section s : agenda.sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                // A topic the module links twice (a recap, then the lesson) is taught at its last appearance: only
                // a prerequisite first taught after that is an inversion.
                Map<String, StoredAgenda.Item> firstInModule = new LinkedHashMap<>();
                Map<String, Integer> first = new HashMap<>();
                Map<String, Integer> last = new HashMap<>();
                List<StoredAgenda.Item> items = m.items().stream().filter(i -> i.documentId() != null).toList();
                for (int i = 0; i < items.size(); i++) {
                    firstInModule.putIfAbsent(items.get(i).documentId(), items.get(i));
                    first.putIfAbsent(items.get(i).documentId(), i);
                    last.put(items.get(i).documentId(), i);
                }
                for (String topic : firstInModule.keySet()) {
                    for (String prerequisite : firstInModule.keySet()) {
                        PrerequisiteRow e = graph.edge(prerequisite, topic);
                        if (e != null && first.get(prerequisite) > last.get(topic)
                                && reported.add(List.of(e.fromId(), e.toId()))) {
                            result.add(conflict(graph, e, place(s, m, firstInModule.get(e.fromId())),
                                    place(s, m, firstInModule.get(e.toId()))));
                        }
                    }
                }
            }
        }
        Map<String, String> places = places(agenda);
        for (PrerequisiteRow e : graph.againstAgenda(AgendaOrder.lastPositions(agenda))) {
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
        // A compiled handout is no node of the graph, and no step of a path.
        for (String goal : goals.stream().filter(graph.topicIds()::contains).toList()) {
            members.addAll(graph.ancestors(goal));
            members.add(goal);
        }
        for (String k : known) {
            members.remove(k);
            members.removeAll(graph.ancestors(k));
        }
        requireWithin(members.size(), "the learning path has " + members.size() + " steps",
                "ask for fewer goals, or name more topics the learner knows");
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

    /**
     * The course's topics named by {@code names}, each a topic id or a path in the course (a leading slash is
     * allowed, as links write root-relative paths), in order and without repeats.
     */
    private static List<String> topicIds(CourseGraph graph, String courseId, List<String> names, String parameter) {
        if (names.size() > MAX_TOPICS_PER_REQUEST) {
            throw new LimitExceeded(Limit.REQUEST_TOPICS, MAX_TOPICS_PER_REQUEST, parameter, "'" + parameter
                    + "' names more than the limit of " + MAX_TOPICS_PER_REQUEST + " topics");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String name : names) {
            ids.add(topicId(graph, courseId, name.strip()));
        }
        return List.copyOf(ids);
    }

    private static String topicId(CourseGraph graph, String courseId, String name) {
        if (graph.contains(name)) {
            return name;
        }
        // Ids derive from course and path, so a path names the topic whose id it derives.
        String byPath = TopicIds.of(courseId, name.replaceFirst("^/+", ""));
        if (graph.contains(byPath)) {
            return byPath;
        }
        throw new NotFound("topic of course " + courseId + " with the id or path",
                name.length() <= 80 ? name : name.substring(0, 80) + "…");
    }

    private DocumentRow topic(String topicId) {
        return stores.documents().find(topicId).filter(DocumentRow::isTopic)
                .orElseThrow(() -> new NotFound("topic", topicId));
    }

    /** Refuses an answer of more than {@code maxTopics} topics, saying how large it is and how to ask for less. */
    private void requireWithin(int topics, String size, String narrower) {
        if (topics > maxTopics) {
            throw new LimitExceeded(Limit.GRAPH_TOPICS, maxTopics, null, size + ", more than the limit of "
                    + maxTopics + " per answer; " + narrower);
        }
    }

    /** The topics the agenda modules titled {@code module} link (one title may head a module in several sections). */
    private Set<String> moduleTopics(String courseId, String module, CourseGraph graph) {
        Set<String> members = new LinkedHashSet<>();
        boolean found = false;
        for (StoredAgenda.Section s : stores.agenda().read(courseId).sections()) {
            for (StoredAgenda.Module m : s.modules()) {
                if (m.title().equals(module)) {
                    found = true;
                    m.items().stream().map(StoredAgenda.Item::documentId).filter(id -> id != null && graph.contains(id))
                            .forEach(members::add);
                }
            }
        }
        if (!found) {
            throw new NotFound("agenda module of course " + courseId, module);
        }
        return members;
    }

    private Map<String, DocumentRow> topics(String courseId) {
        Map<String, DocumentRow> topics = new LinkedHashMap<>();
        // A compiled handout is no step of a learning path: never a node.
        stores.documents().list(courseId).stream().filter(d -> d.isTopic() && !d.handout())
                .forEach(d -> topics.put(d.id(), d));
        return topics;
    }

    private CourseGraph load(String courseId) {
        return load(courseId, topics(courseId));
    }

    private CourseGraph load(String courseId, Map<String, DocumentRow> topics) {
        // Edges of a document that is no node (a compiled handout) are no part of the graph either.
        return new CourseGraph(courseId, topics, stores.graph().edges(courseId).stream()
                .filter(e -> topics.containsKey(e.fromId()) && topics.containsKey(e.toId())).toList(),
                AgendaOrder.positions(stores.agenda().read(courseId)));
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
