package dev.kb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.common.PlainText;
import dev.kb.testing.HostileNames;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Topic titles and paths in DOT and Mermaid stay inside their quoted label: the line keeps its shape whatever the
 * title, and reading the label back (undoing the escapes) gives the title as kb shows it.
 */
class GraphFormatsPropertyTest {
    private static final String A = "0123456789abcdef";
    private static final String B = "fedcba9876543210";
    private static final List<GraphView.Edge> EDGES = List.of(new GraphView.Edge(A, B, "declared", 1.0, "declared", List.of()));
    private static final Pattern MERMAID_NODE = Pattern.compile("    t" + A + "\\[\"([^\"\\n]*)\"\\]");
    private static final Pattern MERMAID_CODE = Pattern.compile("#(quot|35|lt|gt|amp|96);");

    @Provide
    Arbitrary<String> names() {
        return HostileNames.any();
    }

    @Property(tries = 500)
    void a_dot_label_holds_any_title_and_path(@ForAll("names") String title, @ForAll("names") String path) {
        String dot = GraphFormats.dot("course", nodes(title, path), EDGES);
        String prefix = "  t" + A + " [label=";
        List<String> lines = dot.lines().filter(l -> l.startsWith(prefix)).toList();
        assertThat(lines).hasSize(1);
        String line = lines.get(0);
        int[] at = {prefix.length()};
        assertThat(readDotString(line, at)).isEqualTo(shownInDot(title));
        assertThat(line.substring(at[0])).startsWith(", tooltip=");
        at[0] += ", tooltip=".length();
        assertThat(readDotString(line, at)).isEqualTo(shownInDot(path));
        assertThat(line.substring(at[0])).isEqualTo("];");
        assertThat(dot.lines().filter(l -> l.contains(" -> "))).containsExactly("  t" + A + " -> t" + B
                + " [style=bold, color=\"#1f77b4\", tooltip=\"declared\"];");
    }

    @Property(tries = 500)
    void a_mermaid_label_holds_any_title(@ForAll("names") String title) {
        String mermaid = GraphFormats.mermaid(nodes(title, "a.md"), EDGES);
        List<String> lines = mermaid.strip().lines().toList();
        assertThat(lines).hasSize(4);
        Matcher node = MERMAID_NODE.matcher(lines.get(1));
        assertThat(node.matches()).as(lines.get(1)).isTrue();
        String decoded = MERMAID_CODE.matcher(node.group(1)).replaceAll(m -> Matcher.quoteReplacement(switch (m.group(1)) {
            case "quot" -> "\"";
            case "35" -> "#";
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            default -> "`";
        }));
        assertThat(decoded).isEqualTo(PlainText.visible(title.replace("\r", "").replace('\n', ' ')));
        assertThat(node.group(1)).doesNotContain("<", ">", "`", "\"");
        assertThat(lines.get(3)).isEqualTo("    t" + A + " ==>|declared| t" + B);
    }

    private static List<GraphView.Node> nodes(String title, String path) {
        // The other node's title never equals the generated one: two equal titles are told apart by their folders,
        // which TrainerFindingsTest covers; here the label must hold the title as it is.
        String other = title.toLowerCase(Locale.ROOT).contains("b") ? "C" : "B";
        return List.of(new GraphView.Node(A, path, title), new GraphView.Node(B, "b.md", other));
    }

    /** The title as a DOT label shows it: line breaks kept (written \n), other control characters visible. */
    private static String shownInDot(String s) {
        return String.join("\n", Arrays.stream(s.replace("\r", "").split("\n", -1)).map(PlainText::visible).toList());
    }

    /** A DOT quoted string starting at {@code at[0]}, its escapes undone; {@code at[0]} moves past it. */
    private static String readDotString(String line, int[] at) {
        assertThat(line.charAt(at[0])).isEqualTo('"');
        StringBuilder out = new StringBuilder();
        int i = at[0] + 1;
        while (line.charAt(i) != '"') {
            char c = line.charAt(i);
            if (c == '\\') {
                char next = line.charAt(i + 1);
                out.append(next == 'n' ? '\n' : next);
                assertThat(next).as("escape in " + line).isIn('\\', '"', 'n');
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        at[0] = i + 1;
        return out.toString();
    }
}
