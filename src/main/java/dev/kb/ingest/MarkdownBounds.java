package dev.kb.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts markdown down to what the parser can take in bounded time and stack before it is parsed or stored:
 * container nesting (block quotes, list items, indentation) deeper than the limit is flattened, and paragraphs
 * longer than the limit are split. flexmark recurses per nesting level (10 000 levels overflow the stack) and
 * its inline parser is quadratic in a paragraph's length (100 000 links on one line take minutes). Real course
 * text is far inside both bounds and passes unchanged.
 */
final class MarkdownBounds {
    /** One container marker at a line's start: a quote, or a list bullet or number followed by a space. */
    private static final Pattern MARKER = Pattern.compile("\\G[ \\t]{0,3}(?:>|[-+*](?=[ \\t])|\\d{1,9}[.)](?=[ \\t]))[ \\t]?");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

    record Bounded(String text, List<String> cuts) {
    }

    private MarkdownBounds() {
    }

    static Bounded apply(String markdown, IngestLimits limits) {
        int maxDepth = limits.maxNestingDepth();
        int maxIndent = maxDepth * 4;
        int maxParagraph = limits.maxParagraphChars();
        StringBuilder out = new StringBuilder(markdown.length() + 16);
        int flattened = 0;
        int split = 0;
        int paragraph = 0;
        String fence = null;
        for (String line : markdown.split("\r\n|\r|\n", -1)) {
            String bounded = flatten(line, maxDepth, maxIndent);
            if (bounded.length() != line.length()) {
                flattened++;
            }
            boolean fenceLine = false;
            if (fence == null) {
                Matcher open = FENCE.matcher(line);
                if (open.find()) {
                    fence = open.group(1);
                    fenceLine = true;
                }
            } else if (line.strip().startsWith(fence)) {
                fence = null;
                fenceLine = true;
            }
            if (fenceLine || fence != null) {
                // Code is not inline-parsed: it costs what its length costs, and a fence ends a paragraph.
                out.append(bounded).append('\n');
                paragraph = 0;
                continue;
            }
            if (bounded.isBlank()) {
                paragraph = 0;
            } else if (bounded.length() <= maxParagraph && bounded.stripLeading().startsWith("|")) {
                // A table's cells are parsed one by one: a long table costs no more than its rows.
                out.append(bounded).append('\n');
                continue;
            } else if (paragraph + bounded.length() > maxParagraph) {
                // Break the paragraph here; an endless line is broken at spaces into paragraphs of its own.
                while (bounded.length() > maxParagraph) {
                    int cut = bounded.lastIndexOf(' ', maxParagraph);
                    cut = cut <= 0 ? maxParagraph : cut;
                    out.append(paragraph > 0 ? "\n\n" : "").append(bounded, 0, cut);
                    paragraph = 1;
                    bounded = bounded.substring(cut).stripLeading();
                }
                out.append(paragraph > 0 ? "\n\n" : "");
                paragraph = 0;
                split++;
            }
            out.append(bounded).append('\n');
            paragraph += bounded.length() + 1;
        }
        out.setLength(Math.max(0, out.length() - 1));
        List<String> cuts = new ArrayList<>();
        if (flattened > 0) {
            cuts.add("nested deeper than " + maxDepth + " block quotes or list levels: " + flattened
                    + " lines flattened to that depth");
        }
        if (split > 0) {
            cuts.add("paragraphs longer than " + maxParagraph + " characters: split at " + split + " places");
        }
        return new Bounded(cuts.isEmpty() ? markdown : out.toString(), List.copyOf(cuts));
    }

    /** The line with container markers beyond the depth limit dropped and indentation capped. */
    private static String flatten(String line, int maxDepth, int maxIndent) {
        Matcher m = MARKER.matcher(line);
        int depth = 0;
        int keepEnd = 0;
        int end = 0;
        while (m.find()) {
            depth++;
            end = m.end();
            if (depth == maxDepth) {
                keepEnd = end;
            }
        }
        if (depth > maxDepth) {
            line = line.substring(0, keepEnd) + line.substring(end);
        }
        int indent = 0;
        while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
            indent++;
        }
        return indent > maxIndent ? line.substring(0, maxIndent) + line.substring(indent) : line;
    }
}
