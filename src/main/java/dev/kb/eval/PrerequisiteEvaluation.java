package dev.kb.eval;

import dev.kb.graph.GraphService;
import dev.kb.graph.GraphView;
import dev.kb.model.TopicIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a course's prerequisite graph on judged pairs: positives that hold (directly or transitively), negatives
 * that are violated, how many direct prerequisites a topic has after transitive reduction, and how many inferred
 * edges were dropped to keep the graph acyclic.
 */
public final class PrerequisiteEvaluation {

    /**
     * @param averageDirect average number of direct prerequisites (after reduction) over topics that have any
     * @param averageDirectAll the same over all topics
     */
    public record Report(int positives, List<JudgedPairs.Pair> missed, int negatives, List<JudgedPairs.Pair> violated,
                         double averageDirect, double averageDirectAll, int edges, int reducedEdges, int dropped) {
        public int positivesHeld() {
            return positives - missed.size();
        }
    }

    private PrerequisiteEvaluation() {
    }

    public static Report run(GraphService graphs, String courseId, JudgedPairs pairs) {
        GraphView closure = graphs.course(courseId, false);
        GraphView reduced = graphs.course(courseId, true);
        Set<String> ordered = new HashSet<>();
        closure.edges().forEach(e -> ordered.add(e.from() + ">" + e.to()));
        List<JudgedPairs.Pair> missed = new ArrayList<>();
        for (JudgedPairs.Pair p : pairs.positives()) {
            if (!ordered.contains(id(courseId, p.before()) + ">" + id(courseId, p.after()))) {
                missed.add(p);
            }
        }
        List<JudgedPairs.Pair> violated = new ArrayList<>();
        for (JudgedPairs.Pair p : pairs.negatives()) {
            if (ordered.contains(id(courseId, p.before()) + ">" + id(courseId, p.after()))) {
                violated.add(p);
            }
        }
        Map<String, Integer> direct = new HashMap<>();
        reduced.edges().forEach(e -> direct.merge(e.to(), 1, Integer::sum));
        int total = direct.values().stream().mapToInt(Integer::intValue).sum();
        int edges = (int) closure.edges().stream().filter(e -> !e.kind().equals("implied")).count();
        return new Report(pairs.positives().size(), missed, pairs.negatives().size(), violated,
                direct.isEmpty() ? 0 : (double) total / direct.size(),
                reduced.nodes().isEmpty() ? 0 : (double) total / reduced.nodes().size(),
                edges, reduced.edges().size(), reduced.dropped().size());
    }

    private static String id(String courseId, String path) {
        return TopicIds.of(courseId, path);
    }
}
