package dev.kb.api;

import dev.kb.graph.GraphFormats;
import dev.kb.graph.GraphService;
import dev.kb.graph.GraphView;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prerequisite graphs, learning paths and agenda conflicts; graphs as JSON, Graphviz DOT or Mermaid. */
final class GraphRoutes {
    static final String DOT = "text/vnd.graphviz";
    static final String MERMAID = "text/vnd.mermaid";
    private static final Map<String, String> FORMATS = Formats.offer("dot", DOT, "mermaid", MERMAID);

    private final GraphService graph;

    GraphRoutes(GraphService graph) {
        this.graph = graph;
    }

    void course(Context ctx) {
        GraphView view = graph.course(ctx.pathParam("course"), Params.optional(ctx, "module"), reduced(ctx),
                Boolean.TRUE.equals(Params.bool(ctx, "isolated")));
        respond(ctx, view, view.course(), view.nodes(), view.edges());
    }

    void prerequisites(Context ctx) {
        var view = graph.prerequisites(ctx.pathParam("id"), reduced(ctx));
        respond(ctx, view, "prerequisites", view.nodes(), view.edges());
    }

    void dependents(Context ctx) {
        var view = graph.dependents(ctx.pathParam("id"), reduced(ctx));
        respond(ctx, view, "dependents", view.nodes(), view.edges());
    }

    void topicLearningPath(Context ctx) {
        ctx.json(graph.learningPath(ctx.pathParam("id")));
    }

    void courseLearningPath(Context ctx) {
        ctx.json(graph.learningPath(ctx.pathParam("course"), names(ctx, "goals"), names(ctx, "known")));
    }

    void conflicts(Context ctx) {
        ctx.json(java.util.Map.of("course", ctx.pathParam("course"), "conflicts",
                graph.conflicts(ctx.pathParam("course"))));
    }

    private static boolean reduced(Context ctx) {
        Boolean reduced = Params.bool(ctx, "reduced");
        return reduced == null || reduced;
    }

    /** Comma-separated (or repeated) topic ids or paths; the service says which name no topic. */
    private static List<String> names(Context ctx, String name) {
        List<String> names = new ArrayList<>();
        for (String value : ctx.queryParams(name)) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    names.add(part.strip());
                }
            }
        }
        return names;
    }

    /** JSON by default; DOT or Mermaid by {@code format=} or the Accept header. */
    private static void respond(Context ctx, Object json, String name, List<GraphView.Node> nodes,
                                List<GraphView.Edge> edges) {
        switch (Formats.choose(ctx, FORMATS)) {
            case "dot" -> ctx.contentType(DOT + "; charset=utf-8").result(GraphFormats.dot(name, nodes, edges));
            case "mermaid" -> ctx.contentType(MERMAID + "; charset=utf-8").result(GraphFormats.mermaid(nodes, edges));
            default -> ctx.json(json);
        }
    }
}
