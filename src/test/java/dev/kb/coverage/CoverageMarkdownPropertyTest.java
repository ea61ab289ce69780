package dev.kb.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.BulletListItem;
import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.Paragraph;
import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.ast.TextBase;
import com.vladsch.flexmark.ext.tables.TableBody;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.ext.tables.TableRow;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.ast.TextCollectingVisitor;
import dev.kb.common.MarkdownText;
import dev.kb.common.PlainText;
import dev.kb.ingest.Markdown;
import dev.kb.references.Reference;
import dev.kb.testing.HostileNames;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Course strings in the markdown kb writes stay what they are: a path stays one code span showing exactly that
 * path, a title stays text (no link, image, HTML, emphasis), a table cell stays one cell. Checked by parsing the
 * output with flexmark, on generated hostile names.
 */
class CoverageMarkdownPropertyTest {
    /** Nodes course text may produce: text, and the autolinks GitHub makes of a bare URL (showing that URL). */
    private static final Set<Class<?>> TEXT_NODES = Set.of(Text.class, TextBase.class, AutoLink.class, MailLink.class);
    private static final String TICK = "tick`<img src=x onerror=alert(40)>`.md";

    @Provide
    Arbitrary<String> names() {
        return HostileNames.any();
    }

    @Example
    void the_reported_file_name_stays_one_code_span() {
        Node paragraph = paragraph("x " + MarkdownText.code(TICK) + " y");
        assertThat(inlines(paragraph)).extracting(n -> n.getClass().getSimpleName()).containsExactly("Text", "Code", "Text");
        assertThat(codeText((Code) paragraph.getFirstChild().getNext())).isEqualTo(TICK);
    }

    @Property(tries = 500)
    void a_code_span_shows_any_name_exactly(@ForAll("names") String name) {
        Node paragraph = paragraph("x " + MarkdownText.code(name) + " y");
        List<Node> inlines = inlines(paragraph);
        assertThat(inlines).extracting(n -> n.getClass().getSimpleName()).containsExactly("Text", "Code", "Text");
        assertThat(inlines.get(0).getChars().toString()).isEqualTo("x ");
        assertThat(inlines.get(2).getChars().toString()).isEqualTo(" y");
        assertThat(codeText((Code) inlines.get(1))).isEqualTo(PlainText.visible(name));
    }

    @Property(tries = 500)
    void text_shows_any_name_as_text(@ForAll("names") String name) {
        Document doc = Markdown.parse("- a " + MarkdownText.text(name) + " b\n");
        assertThat(all(doc, BulletListItem.class)).hasSize(1);
        Node paragraph = all(doc, Paragraph.class).get(0);
        assertOnlyText(paragraph);
        assertThat(new TextCollectingVisitor().collectAndGetText(paragraph)).isEqualTo("a " + PlainText.visible(name) + " b");
    }

    @Property(tries = 500)
    void a_table_cell_holds_any_name(@ForAll("names") String name) {
        Document doc = Markdown.parse("| h | i |\n|---|---|\n| " + MarkdownText.text(name) + " | z |\n");
        List<TableRow> rows = all(doc, TableRow.class).stream().filter(r -> r.getParent() instanceof TableBody).toList();
        assertThat(rows).hasSize(1);
        List<TableCell> cells = all(rows.get(0), TableCell.class);
        assertThat(cells).hasSize(2);
        assertOnlyText(cells.get(0));
        // A cell's surrounding spaces are not its content.
        assertThat(trimSpaces(new TextCollectingVisitor().collectAndGetText(cells.get(0))))
                .isEqualTo(trimSpaces(PlainText.visible(name)));
        assertThat(new TextCollectingVisitor().collectAndGetText(cells.get(1))).isEqualTo("z");
    }

    @Property(tries = 200)
    void a_report_of_hostile_names_has_its_structure_and_no_markup_from_the_course(
            @ForAll("names") String path, @ForAll("names") String title, @ForAll("names") String section,
            @ForAll("names") String linkText, @ForAll("names") String url) {
        CoverageReport.Summary summary = new CoverageReport.Summary(1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1);
        CoverageReport.BrokenLink broken = new CoverageReport.BrokenLink(path, 3, linkText, url, path, path, title, null,
                null);
        CoverageReport.DocumentRef doc = new CoverageReport.DocumentRef("0123456789abcdef", path, title, 0);
        Reference failing = new Reference("r", url, "evil.example", "broken", 404, null, null, title, null, title,
                List.of(new Reference.Usage("c", null, path, linkText, 1)));
        CoverageReport report = new CoverageReport("c", summary,
                List.of(new CoverageReport.ModuleCoverage(section, title, 1, 0, 0, 1, 0, 0, 0)),
                List.of(new CoverageReport.Gap(section, title, linkText, "unlinked", null, null, null, true,
                        List.of(new CoverageReport.Suggestion("0123456789abcdef", path, title, 0.5, null)), null,
                        null)),
                List.of(broken), List.of(), List.of(), List.of(new CoverageReport.DuplicateLink(section, path,
                        "0123456789abcdef", 2, List.of(title, linkText))),
                List.of(doc), List.of(doc), List.of(doc), new CoverageReport.ExternalLinks(Map.of("broken", 1),
                        List.of(failing)),
                new CoverageReport.IndexRun(1, OffsetDateTime.parse("2025-01-01T00:00:00Z"),
                        List.of(new CoverageReport.Issue(path, "warning", title))));
        Document parsed = Markdown.parse(CoverageMarkdown.render(report));

        List<String> forbidden = new ArrayList<>();
        parsed.getDescendants().forEach(n -> {
            String type = n.getClass().getSimpleName();
            if (type.startsWith("Html") || type.startsWith("Image") || type.equals("Link") || type.equals("LinkRef")
                    || type.equals("Reference") || type.equals("Strikethrough")) {
                forbidden.add(type + " " + n.getChars());
            }
        });
        assertThat(forbidden).isEmpty();
        assertThat(all(parsed, Heading.class)).hasSize(12);
        // One entry per finding: gap, broken link, duplicate, orphan, empty, not in agenda, failing link, issue.
        assertThat(all(parsed, BulletListItem.class)).hasSize(8);
        assertThat(all(parsed, TableRow.class).stream().filter(r -> r.getParent() instanceof TableBody))
                .hasSize(10 + 1);
        String shown = PlainText.visible(path);
        assertThat(all(parsed, Code.class).stream().map(CoverageMarkdownPropertyTest::codeText)
                .filter(shown::equals).count()).isGreaterThanOrEqualTo(8);
    }

    @Property(tries = 200)
    void forge_links_of_hostile_file_names_are_the_only_links_and_lead_where_they_say(
            @ForAll("names") String path, @ForAll("names") String title, @ForAll("names") String linkText) {
        dev.kb.store.SourceRow github = new dev.kb.store.SourceRow("c", "git", "https://github.com/team/course.git",
                "main", null, "0123456789abcdef0123456789abcdef01234567", null, null, "refs/heads/main", null, null);
        dev.kb.course.ForgeLinks forge = dev.kb.course.ForgeLinks.of(github, path);
        dev.kb.course.ForgeLinks agenda = dev.kb.course.ForgeLinks.of(github, "README.md");
        CoverageReport.Summary summary = new CoverageReport.Summary(1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0);
        CoverageReport report = new CoverageReport("c", summary, List.of(),
                List.of(new CoverageReport.Gap("s", title, linkText, "unlinked", null, null, null, true,
                        List.of(new CoverageReport.Suggestion("0123456789abcdef", path, title, 0.5,
                                forge.sourceUrl())), agenda.sourceUrl(), agenda.editUrl())),
                List.of(new CoverageReport.BrokenLink(path, 3, linkText, "x.md", "x.md", null, title,
                        forge.sourceUrl(), forge.editUrl())), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), new CoverageReport.ExternalLinks(Map.of(), List.of()), null);

        Document parsed = Markdown.parse(CoverageMarkdown.render(report));

        List<String> urls = new ArrayList<>();
        parsed.getDescendants().forEach(n -> {
            if (n instanceof com.vladsch.flexmark.ast.Link link) {
                urls.add(link.getUrl().toString());
            }
        });
        assertThat(urls).containsExactlyInAnyOrder(forge.sourceUrl(), agenda.editUrl(), forge.sourceUrl(),
                forge.editUrl());
    }

    private static Node paragraph(String markdown) {
        List<Paragraph> paragraphs = all(Markdown.parse(markdown + "\n"), Paragraph.class);
        assertThat(paragraphs).hasSize(1);
        return paragraphs.get(0);
    }

    /** The inline children of a paragraph, with flexmark's text groupings unwrapped. */
    private static List<Node> inlines(Node paragraph) {
        List<Node> out = new ArrayList<>();
        for (Node n = paragraph.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof TextBase) {
                out.addAll(inlines(n));
            } else {
                out.add(n);
            }
        }
        return out;
    }

    private static void assertOnlyText(Node node) {
        node.getDescendants().forEach(n -> assertThat(TEXT_NODES.contains(n.getClass()) || n.getParent() instanceof AutoLink
                || n.getParent() instanceof MailLink).as(n.getClass().getSimpleName() + " " + n.getChars()).isTrue());
    }

    /** A code span's content as CommonMark reads it: one space stripped from each end when both ends have one. */
    static String codeText(Code code) {
        String text = code.getText().toString();
        boolean strip = text.length() >= 2 && text.startsWith(" ") && text.endsWith(" ")
                && !text.chars().allMatch(c -> c == ' ');
        return strip ? text.substring(1, text.length() - 1) : text;
    }

    private static String trimSpaces(String s) {
        return s.replaceAll("^ +| +$", "");
    }

    private static <T extends Node> List<T> all(Node root, Class<T> type) {
        List<T> found = new ArrayList<>();
        root.getDescendants().forEach(n -> {
            if (type.isInstance(n)) {
                found.add(type.cast(n));
            }
        });
        return found;
    }
}
