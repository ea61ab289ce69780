package dev.kb.ingest;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.HardLineBreak;
import com.vladsch.flexmark.ast.HtmlInline;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ast.SoftLineBreak;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ext.tables.TableBlock;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableHead;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of a prose block (paragraph, table, anything an extension adds), in the two forms kb keeps: plain text
 * for the index and snippets, and markdown for passages, which bots render: inline code keeps its backticks, links
 * their targets, and a table its rows ({@code | a | b |}). In both, table cells and rows are word boundaries.
 * Images are left out of both (a caption is not prose).
 */
final class BlockText {
    private BlockText() {
    }

    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile("\\[([^\\]\\n]*)]\\([^)\\s]*\\)");

    /** Markdown of {@link #markdown} with each link reduced to its text, for indexing. */
    static String withoutLinkTargets(String markdown) {
        return LINK.matcher(markdown).replaceAll("$1");
    }

    static String plain(Node block) {
        if (block instanceof TableBlock table) {
            return String.join("\n", rows(table, false).stream().map(cells -> String.join(" | ", cells)).toList());
        }
        return Markdown.text(block);
    }

    static String markdown(Node block, Document document) {
        if (block instanceof TableBlock table) {
            List<String> lines = new ArrayList<>();
            for (List<String> cells : rows(table, true)) {
                lines.add("| " + String.join(" | ", cells) + " |");
                if (lines.size() == 1 && table.getFirstChild() instanceof TableHead) {
                    lines.add("|" + " --- |".repeat(cells.size()));
                }
            }
            return String.join("\n", lines);
        }
        StringBuilder out = new StringBuilder();
        inline(block, document, out);
        return out.toString().strip();
    }

    /** Each row's cells, in order; cells of the head and the body alike. */
    private static List<List<String>> rows(TableBlock table, boolean markdown) {
        List<List<String>> rows = new ArrayList<>();
        List<Node> stack = new ArrayList<>(List.of(table));
        while (!stack.isEmpty()) {
            Node node = stack.remove(0);
            if (node instanceof TableRow row) {
                List<String> cells = new ArrayList<>();
                for (Node cell = row.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell) {
                        String text = markdown ? markdown(cell, table.getDocument()).replace("|", "\\|")
                                : Markdown.text(cell);
                        cells.add(text.replace('\n', ' ').strip());
                    }
                }
                rows.add(cells);
            } else {
                List<Node> children = new ArrayList<>();
                for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                    children.add(child);
                }
                stack.addAll(0, children);
            }
        }
        return rows;
    }

    private static void inline(Node node, Document document, StringBuilder out) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Image || child instanceof ImageRef || child instanceof HtmlInline) {
                continue;
            }
            if (child instanceof Text text) {
                out.append(text.getChars().unescape());
            } else if (child instanceof Code code) {
                String content = code.getText().toString();
                String fence = content.contains("`") ? "``" : "`";
                out.append(fence).append(content).append(fence);
            } else if (child instanceof Link link) {
                link(out, child, document, link.getUrl().toString());
            } else if (child instanceof LinkRef ref) {
                Reference target = ref.isDefined() ? ref.getReferenceNode(document) : null;
                if (target != null) {
                    link(out, child, document, target.getUrl().toString());
                } else {
                    inline(child, document, out);
                }
            } else if (child instanceof AutoLink auto) {
                out.append(auto.getText());
            } else if (child instanceof SoftLineBreak) {
                out.append(' ');
            } else if (child instanceof HardLineBreak) {
                out.append('\n');
            } else if (child.hasChildren()) {
                inline(child, document, out);
            } else {
                out.append(Markdown.text(child));
            }
        }
    }

    private static void link(StringBuilder out, Node link, Document document, String url) {
        StringBuilder text = new StringBuilder();
        inline(link, document, text);
        out.append('[').append(text.toString().strip()).append("](").append(url.replace(" ", "%20")).append(')');
    }
}
