package dev.kb.web;

import dev.kb.common.Html;
import dev.kb.graph.Conflict;
import dev.kb.graph.GraphView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A prerequisite graph drawn on the server as SVG, left to right: each topic in the column after its latest
 * prerequisite (the graph is a DAG, so the columns exist), each node a link to its topic page, topics in a
 * conflict with the agenda outlined. No graph library reaches the browser, and the page stays small.
 */
final class GraphSvg {
    private static final int WIDTH = 200;
    private static final int HEIGHT = 34;
    private static final int GAP_X = 60;
    private static final int GAP_Y = 14;
    private static final int PAD = 10;
    private static final int MAX_LABEL = 28;

    private GraphSvg() {
    }

    static String render(GraphView graph, List<Conflict> conflicts) {
        Map<String, Integer> column = columns(graph);
        Map<Integer, Integer> rows = new HashMap<>();
        Map<String, int[]> at = new HashMap<>();
        int maxX = 0;
        int maxY = 0;
        for (GraphView.Node n : graph.nodes()) {
            int c = column.get(n.id());
            int r = rows.merge(c, 1, Integer::sum) - 1;
            int x = PAD + c * (WIDTH + GAP_X);
            int y = PAD + r * (HEIGHT + GAP_Y);
            at.put(n.id(), new int[] {x, y});
            maxX = Math.max(maxX, x + WIDTH);
            maxY = Math.max(maxY, y + HEIGHT);
        }
        Set<String> conflicted = new HashSet<>();
        Set<String> conflictEdges = new HashSet<>();
        for (Conflict c : conflicts) {
            conflicted.add(c.topic().id());
            conflicted.add(c.prerequisite().id());
            conflictEdges.add(c.prerequisite().id() + ">" + c.topic().id());
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" aria-labelledby=\"graph-caption\">", maxX + PAD, maxY + PAD, maxX + PAD, maxY + PAD));
        svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto\"><path class=\"arrow\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
        for (GraphView.Edge e : graph.edges()) {
            int[] from = at.get(e.from());
            int[] to = at.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            int x1 = from[0] + WIDTH;
            int y1 = from[1] + HEIGHT / 2;
            int x2 = to[0];
            int y2 = to[1] + HEIGHT / 2;
            int mid = (x1 + x2) / 2;
            svg.append(String.format(Locale.ROOT, "<path class=\"edge%s\" d=\"M%d,%d C%d,%d %d,%d %d,%d\" "
                    + "marker-end=\"url(#arrow)\"/>", conflictEdges.contains(e.from() + ">" + e.to()) ? " conflict" : "",
                    x1, y1, mid, y1, mid, y2, x2, y2));
        }
        for (GraphView.Node n : graph.nodes()) {
            int[] p = at.get(n.id());
            String title = n.title() == null ? n.path() : n.title();
            String label = title.length() > MAX_LABEL ? title.substring(0, MAX_LABEL - 1) + "…" : title;
            svg.append("<a class=\"node").append(conflicted.contains(n.id()) ? " conflict" : "").append("\" href=\"")
                    .append(Html.escape(Links.topic(n.id(), null))).append("\"><title>").append(Html.escape(title))
                    .append("</title>")
                    .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"4\"/>",
                            p[0], p[1], WIDTH, HEIGHT))
                    .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">", p[0] + 8, p[1] + HEIGHT / 2 + 4))
                    .append(Html.escape(label)).append("</text></a>");
        }
        return svg.append("</svg>").toString();
    }

    /** Longest path from a topic without prerequisites: each topic one column after its latest prerequisite. */
    private static Map<String, Integer> columns(GraphView graph) {
        Map<String, List<String>> next = new HashMap<>();
        Map<String, Integer> incoming = new HashMap<>();
        Map<String, Integer> column = new HashMap<>();
        for (GraphView.Node n : graph.nodes()) {
            incoming.put(n.id(), 0);
            column.put(n.id(), 0);
        }
        for (GraphView.Edge e : graph.edges()) {
            if (incoming.containsKey(e.from()) && incoming.containsKey(e.to())) {
                next.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e.to());
                incoming.merge(e.to(), 1, Integer::sum);
            }
        }
        List<String> ready = new ArrayList<>();
        incoming.forEach((id, count) -> {
            if (count == 0) {
                ready.add(id);
            }
        });
        while (!ready.isEmpty()) {
            String id = ready.remove(ready.size() - 1);
            for (String to : next.getOrDefault(id, List.of())) {
                column.merge(to, column.get(id) + 1, Math::max);
                if (incoming.merge(to, -1, Integer::sum) == 0) {
                    ready.add(to);
                }
            }
        }
        return column;
    }
}
