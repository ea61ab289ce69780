package dev.kb.graph;

import dev.kb.common.PlainText;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Graphs as text for diagram tools: Graphviz DOT and Mermaid flowcharts. Labels are escaped for each syntax;
 * edges are styled by the kind of their strongest evidence.
 */
public final class GraphFormats {
    private static final Map<String, String> DOT_STYLE = Map.of(
            "declared", "style=bold, color=\"#1f77b4\"",
            "sequence", "style=solid, color=\"#2ca02c\"",
            "agenda", "style=dashed, color=\"#555555\"",
            "mention", "style=dotted, color=\"#9467bd\"",
            "link", "style=solid, color=\"#ff7f0e\"",
            "implied", "style=dotted, color=\"#bbbbbb\"");
    private static final Map<String, String> MERMAID_ARROW = Map.of(
            "declared", "==>",
            "sequence", "-->",
            "agenda", "-->",
            "mention", "-.->",
            "link", "-->",
            "implied", "-.->");

    private GraphFormats() {
    }

    public static String dot(String name, List<GraphView.Node> nodes, List<GraphView.Edge> edges) {
        StringBuilder out = new StringBuilder("digraph ").append(dotString(name)).append(" {\n");
        out.append("  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        Map<String, String> labels = labels(nodes);
        for (GraphView.Node n : nodes) {
            out.append("  t").append(n.id()).append(" [label=").append(dotString(labels.get(n.id())))
                    .append(", tooltip=").append(dotString(n.path())).append("];\n");
        }
        for (GraphView.Edge e : edges) {
            out.append("  t").append(e.from()).append(" -> t").append(e.to()).append(" [")
                    .append(DOT_STYLE.getOrDefault(e.kind(), "style=solid")).append(", tooltip=")
                    .append(dotString(e.kind())).append("];\n");
        }
        return out.append("}\n").toString();
    }

    public static String mermaid(List<GraphView.Node> nodes, List<GraphView.Edge> edges) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Map<String, String> labels = labels(nodes);
        for (GraphView.Node n : nodes) {
            out.append("    t").append(n.id()).append("[\"").append(mermaidText(labels.get(n.id()))).append("\"]\n");
        }
        for (GraphView.Edge e : edges) {
            out.append("    t").append(e.from()).append(' ').append(MERMAID_ARROW.getOrDefault(e.kind(), "-->"))
                    .append('|').append(e.kind()).append("| t").append(e.to()).append('\n');
        }
        return out.toString();
    }

    /**
     * Each node's label: its title, and where two nodes share a title, the folder too ("Ingress Nginx (ingress/)"),
     * or the whole path when they share the folder as well, so no two boxes of a picture look the same.
     */
    static Map<String, String> labels(List<GraphView.Node> nodes) {
        Map<String, Long> titles = nodes.stream().collect(Collectors.groupingBy(GraphView.Node::title, Collectors.counting()));
        Map<String, Long> folders = nodes.stream().collect(Collectors.groupingBy(n -> n.title() + "\u0000" + folder(n),
                Collectors.counting()));
        Map<String, String> labels = new HashMap<>();
        for (GraphView.Node n : nodes) {
            String label = n.title();
            if (titles.get(n.title()) > 1) {
                label += " (" + (folders.get(n.title() + "\u0000" + folder(n)) > 1 ? n.path() : folder(n)) + ")";
            }
            labels.put(n.id(), label);
        }
        return labels;
    }

    private static String folder(GraphView.Node n) {
        int slash = n.path().lastIndexOf('/');
        return slash < 0 ? "/" : n.path().substring(0, slash + 1);
    }

    /**
     * A DOT double-quoted string: backslash and quote escaped (so Graphviz's own escapes such as \N stay text),
     * line breaks as \n, other control characters made visible.
     */
    static String dotString(String s) {
        return "\"" + PlainText.visible(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "")
                .replace("\n", "\\n")) + "\"";
    }

    /**
     * Text inside a Mermaid quoted label: quotes and the characters Mermaid reads as markup become entity codes,
     * control characters visible.
     */
    static String mermaidText(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : PlainText.visible(s.replace("\r", "").replace('\n', ' ')).toCharArray()) {
            switch (c) {
                case '"' -> out.append("#quot;");
                case '#' -> out.append("#35;");
                case '<' -> out.append("#lt;");
                case '>' -> out.append("#gt;");
                case '&' -> out.append("#amp;");
                case '`' -> out.append("#96;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
