package dev.kb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class GraphFormatsTest {
    private static final String A = "0123456789abcdef";
    private static final String B = "fedcba9876543210";
    /** Titles that break naive output: quotes, backslashes, markup, line breaks, a hash. */
    private static final List<GraphView.Node> NODES = List.of(
            new GraphView.Node(A, "a.md", "Say \"hi\" \\ <b>bold</b> & more"),
            new GraphView.Node(B, "b.md", "Line one\nline two # not a comment; `code`"));
    private static final List<GraphView.Edge> EDGES = List.of(
            new GraphView.Edge(A, B, "declared", 1.0, "declared", List.of()),
            new GraphView.Edge(B, A, "mention", 0.3, "mention", List.of()));

    /** The Mermaid flowchart subset kb writes: a header, quoted node labels, labelled arrows. */
    private static final Pattern MERMAID_LINE = Pattern.compile(
            "flowchart LR|    t[0-9a-f]{16}\\[\"[^\"\\n]*\"\\]|    t[0-9a-f]{16} (-->|==>|-\\.->)\\|[a-z]+\\| t[0-9a-f]{16}");

    @Test
    void mermaid_lines_follow_the_flowchart_grammar_and_labels_escape_markup() {
        String mermaid = GraphFormats.mermaid(NODES, EDGES);
        for (String line : mermaid.strip().split("\n")) {
            assertThat(line).matches(MERMAID_LINE);
        }
        assertThat(mermaid).contains("Say #quot;hi#quot; \\ #lt;b#gt;bold#lt;/b#gt; #amp; more")
                .contains("Line one line two #35; not a comment; #96;code#96;")
                .contains("t" + A + " ==>|declared| t" + B).contains("t" + B + " -.->|mention| t" + A);
    }

    @Test
    void dot_strings_escape_quotes_backslashes_and_line_breaks() {
        String dot = GraphFormats.dot("name \"x\"", NODES, EDGES);
        assertThat(dot).startsWith("digraph \"name \\\"x\\\"\" {")
                .contains("label=\"Say \\\"hi\\\" \\\\ <b>bold</b> & more\"")
                .contains("label=\"Line one\\nline two # not a comment; `code`\"")
                .contains("t" + A + " -> t" + B + " [style=bold");
    }

    @Test
    void graphviz_renders_the_dot_output() throws Exception {
        Process dot;
        try {
            dot = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("Graphviz's dot is not installed (.ci/run installs it)");
            return;
        }
        dot.getOutputStream().write(GraphFormats.dot("test", NODES, EDGES).getBytes(StandardCharsets.UTF_8));
        dot.getOutputStream().close();
        String svg = new String(dot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dot.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(dot.exitValue()).as(svg).isZero();
        assertThat(svg).contains("<svg").contains("Say &quot;hi&quot;");
    }
}
