package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.ParsedDocument;
import org.junit.jupiter.api.Test;

class MarkdownBoundsTest {
    private static final IngestLimits LIMITS = new IngestLimits(1 << 20, 100, 8, 1_000);

    @Test
    void ordinary_markdown_passes_unchanged() {
        String md = "# Title\r\n\r\n> quoted\n> - listed\n>   - deeper\n\n| a | b |\n|---|---|\n" + "| x | y |\n".repeat(500)
                + "\n```\n" + "code line\n".repeat(300) + "```\n\n" + "word ".repeat(150) + "\n";
        MarkdownBounds.Bounded b = MarkdownBounds.apply(md, LIMITS);
        assertThat(b.cuts()).isEmpty();
        assertThat(b.text()).isSameAs(md);
    }

    @Test
    void nesting_beyond_the_limit_is_flattened_and_parses() {
        for (String deep : new String[] {"- ".repeat(10_000) + "bottom", ">".repeat(10_000) + " bottom",
                "> 1. ".repeat(5_000) + "bottom", " ".repeat(50_000) + "- bottom"}) {
            MarkdownBounds.Bounded b = MarkdownBounds.apply("# Deep\n\n" + deep + "\n", LIMITS);
            assertThat(b.cuts()).singleElement().asString().contains("nested deeper than 8");
            assertThat(b.text()).contains("bottom").hasSizeLessThan(200);
            ParsedDocument parsed = DocumentParser.parse("deep.md", b.text());
            // Capped indentation may leave an indented code block: the text survives either way.
            assertThat(parsed.bodyText() + parsed.codeBlocks()).contains("bottom");
        }
    }

    @Test
    void long_paragraphs_are_split_outside_code_fences() {
        String line = "[link](target.md) ".repeat(2_000);
        String md = "# Links\n\n" + line + "\n\n```\n" + "x".repeat(5_000) + "\n```\n";
        MarkdownBounds.Bounded b = MarkdownBounds.apply(md, LIMITS);
        assertThat(b.cuts()).singleElement().asString().contains("longer than 1000 characters");
        assertThat(b.text().split("\n\n")).allSatisfy(block -> assertThat(block.startsWith("```") || block.length() <= 1_000)
                .as("block of %d characters", block.length()).isTrue());
        assertThat(b.text()).contains("x".repeat(5_000));
        assertThat(DocumentParser.parse("links.md", b.text()).links()).hasSize(2_000);
    }
}
