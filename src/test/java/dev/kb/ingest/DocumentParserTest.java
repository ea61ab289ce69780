package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.LinkTarget;
import dev.kb.model.ParsedDocument;
import dev.kb.model.ParsedDocument.DocumentLink;
import org.junit.jupiter.api.Test;

class DocumentParserTest {

    private static final String DOC = """
            ---
            title: ignored front matter
            ---
            Intro before any heading with a [root link](/a.md).

            # Übung: Pod Non-Root

            Some *prose* with `inline code` and a [relative link](b.md#part-2).

            ```yaml
            securityContext:
              runAsNonRoot: true
            ```

            ## Check

            ![diagram](img/d.png "title")

            ## Check

            > A quote with [an external link](https://example.org/x).

            <div><a href="c.md">html link</a><script>alert(1)</script></div>

                indented code
            """;

    @Test
    void title_is_the_first_h1_and_headings_split_sections_with_github_anchors() {
        ParsedDocument doc = DocumentParser.parse("guides/x.md", DOC);
        assertThat(doc.title()).isEqualTo("Übung: Pod Non-Root");
        assertThat(doc.sections()).extracting(ParsedDocument.Section::anchor)
                .containsExactly(null, "übung-pod-non-root", "check", "check-1");
        assertThat(doc.sections()).extracting(ParsedDocument.Section::level).containsExactly(0, 1, 2, 2);
        assertThat(doc.sections().get(1).bodyText()).isEqualTo("Some prose with inline code and a relative link.");
        assertThat(doc.sections().get(0).bodyText()).doesNotContain("front matter");
    }

    @Test
    void code_blocks_keep_their_info_string_and_stay_out_of_prose() {
        ParsedDocument doc = DocumentParser.parse("guides/x.md", DOC);
        assertThat(doc.codeBlocks()).extracting(ParsedDocument.CodeBlock::info).containsExactly("yaml", "");
        assertThat(doc.codeBlocks().get(0).code()).contains("runAsNonRoot: true");
        assertThat(doc.codeBlocks().get(0).sectionOrd()).isEqualTo(1);
        assertThat(doc.sections().get(1).codeText()).contains("runAsNonRoot");
        assertThat(doc.bodyText()).doesNotContain("runAsNonRoot");
    }

    @Test
    void links_and_images_are_collected_in_order_with_section_line_and_resolution() {
        ParsedDocument doc = DocumentParser.parse("guides/x.md", DOC);
        assertThat(doc.links()).extracting(DocumentLink::href)
                .containsExactly("/a.md", "b.md#part-2", "img/d.png", "https://example.org/x", "c.md");
        DocumentLink relative = doc.links().get(1);
        assertThat(relative.target().targetPath()).isEqualTo("guides/b.md");
        assertThat(relative.target().fragment()).isEqualTo("part-2");
        assertThat(relative.sectionOrd()).isEqualTo(1);
        assertThat(relative.line()).isEqualTo(8);
        assertThat(doc.links().get(0).target().targetPath()).isEqualTo("a.md");
        assertThat(doc.links().get(2).image()).isTrue();
        assertThat(doc.links().get(2).text()).isEqualTo("diagram");
        assertThat(doc.links().get(3).target().kind()).isEqualTo(LinkTarget.Kind.EXTERNAL);
        assertThat(doc.imageCount()).isEqualTo(1);
    }

    @Test
    void raw_html_contributes_text_and_links_but_never_script() {
        ParsedDocument doc = DocumentParser.parse("guides/x.md", DOC);
        assertThat(doc.bodyText()).contains("html link").doesNotContain("alert");
    }

    @Test
    void without_an_h1_the_title_is_the_file_name() {
        assertThat(DocumentParser.parse("security/01-how-it-works.md", "## Only a subheading\n\ntext").title())
                .isEqualTo("01-how-it-works");
        assertThat(DocumentParser.parse("empty.md", "").sections()).isEmpty();
    }

    @Test
    void words_are_counted_in_prose_and_headings() {
        ParsedDocument doc = DocumentParser.parse("a.md", "# Two words\n\nthree more words\n\n```\nnot counted\n```");
        assertThat(doc.wordCount()).isEqualTo(5);
    }

    @Test
    void deeply_nested_lists_and_quotes_are_parsed_without_exhausting_the_stack() {
        StringBuilder md = new StringBuilder("# Deep\n\n");
        for (int i = 0; i < 500; i++) {
            md.append(">");
        }
        md.append(" deep quote [l](x.md)\n\n");
        for (int i = 0; i < 200; i++) {
            md.append("  ".repeat(i)).append("- level ").append(i).append('\n');
        }
        ParsedDocument doc = DocumentParser.parse("deep.md", md.toString());
        assertThat(doc.bodyText()).contains("deep quote").contains("level 199");
        assertThat(doc.links()).hasSize(1);
    }
}
