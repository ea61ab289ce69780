package dev.kb.eval;

import dev.kb.graph.GraphService;
import dev.kb.graph.GraphView;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the learning paths of a course are: one path per topic of the graph (its prerequisites and itself).
 * A path a learner would follow has a handful of steps; a long tail says evidence chains too much together.
 */
public final class PathLengths {

    /** Steps per learning path over every topic: median, 90th percentile and longest. */
    public record Report(int topics, double median, double p90, int max, List<Integer> lengths) {
    }

    private PathLengths() {
    }

    public static Report run(GraphService graphs, String courseId) {
        GraphView graph = graphs.course(courseId, true);
        List<Integer> lengths = new ArrayList<>();
        for (GraphView.Node n : graph.nodes()) {
            lengths.add(graphs.learningPath(n.id()).steps().size());
        }
        List<Double> values = lengths.stream().map(Integer::doubleValue).toList();
        return new Report(lengths.size(), DelinkEvaluation.quantile(values, 0.5), DelinkEvaluation.quantile(values, 0.9),
                lengths.stream().mapToInt(Integer::intValue).max().orElse(0), List.copyOf(lengths));
    }
}
