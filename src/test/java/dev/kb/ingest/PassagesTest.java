package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.ParsedDocument;
import dev.kb.testing.Courses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Passages: about 150–250 words, cut at section, paragraph and code-block boundaries, never inside a code block. */
class PassagesTest {

    private static String words(String word, int n) {
        return (word + " ").repeat(n).strip() + ".";
    }

    @Test
    void a_long_section_is_cut_between_paragraphs_into_passages_of_at_most_250_words() {
        String md = "# Title\n\n" + words("alpha", 120) + "\n\n" + words("beta", 120) + "\n\n" + words("gamma", 120) + "\n";
        List<ParsedDocument.Passage> passages = DocumentParser.parse("a.md", md).passages();
        assertThat(passages).hasSize(2);
        assertThat(passages).allSatisfy(p -> assertThat(p.wordCount()).isBetween(100, 250));
        assertThat(passages.get(0).text()).startsWith("alpha").contains("beta").doesNotContain("gamma");
        assertThat(passages.get(1).text()).startsWith("gamma");
        assertThat(passages).extracting(ParsedDocument.Passage::ord).containsExactly(0, 1);
    }

    @Test
    void a_code_block_is_never_split_even_when_it_is_longer_than_a_passage() {
        String code = "line one\n".repeat(400);
        String md = "# T\n\n" + words("intro", 100) + "\n\n```yaml\n" + code + "```\n\n" + words("outro", 30) + "\n";
        ParsedDocument doc = DocumentParser.parse("a.md", md);
        List<ParsedDocument.Passage> withCode = doc.passages().stream().filter(p -> p.text().contains("line one")).toList();
        assertThat(withCode).hasSize(1);
        assertThat(withCode.get(0).text()).contains("```yaml\n" + code + "```");
        assertThat(withCode.get(0).codeText()).contains(code.strip());
        assertThat(withCode.get(0).bodyText()).doesNotContain("line one");
    }

    @Test
    void a_paragraph_longer_than_a_passage_is_cut_at_sentences() {
        String sentence = words("delta", 40) + " ";
        String md = "# T\n\n" + sentence.repeat(15) + "\n";
        List<ParsedDocument.Passage> passages = DocumentParser.parse("a.md", md).passages();
        assertThat(passages.size()).isGreaterThanOrEqualTo(3);
        assertThat(passages).allSatisfy(p -> {
            assertThat(p.wordCount()).isLessThanOrEqualTo(250);
            assertThat(p.text()).endsWith(".");
        });
    }

    @Test
    void short_sections_run_on_with_their_headings_until_a_passage_is_long_enough() {
        String md = "# Setup\n\nIntro text.\n\n## Step 1\n\n" + words("one", 60) + "\n\n## Step 2\n\n" + words("two", 60)
                + "\n\n## Step 3\n\n" + words("three", 60) + "\n\n# Next chapter\n\n" + words("next", 200) + "\n";
        ParsedDocument doc = DocumentParser.parse("a.md", md);
        List<ParsedDocument.Passage> passages = doc.passages();
        assertThat(passages).hasSize(2);
        assertThat(passages.get(0).sectionOrd()).isZero();
        assertThat(passages.get(0).text()).startsWith("Intro text.").contains("## Step 1", "## Step 2", "three")
                .doesNotContain("Next chapter");
        // A heading of higher rank than where the passage started ends it.
        assertThat(doc.sections().get(passages.get(1).sectionOrd()).heading()).isEqualTo("Next chapter");
    }

    @Test
    void list_items_keep_their_markers_and_sections_know_their_lines() {
        String md = "---\ntitle: x\n---\n# T\n\n- first\n- second\n  1. nested\n\n## Sub\n\ntext\n";
        ParsedDocument doc = DocumentParser.parse("a.md", md);
        assertThat(doc.passages().get(0).text()).contains("- first\n\n- second\n\n  1. nested");
        assertThat(doc.sections()).extracting(ParsedDocument.Section::line).containsExactly(4, 10);
    }

    @Test
    void a_document_without_text_has_no_passages() {
        assertThat(DocumentParser.parse("a.md", "# Only a title\n\n## And a heading\n").passages()).isEmpty();
        assertThat(DocumentParser.parse("a.md", "# Pictures\n\n![a](a.png)\n").passages()).isEmpty();
    }

    /** The fence still open at the end of a text, or null: a fence closes only with the marker that opened it. */
    private static String openFence(String text) {
        String open = null;
        for (String line : text.lines().toList()) {
            String marker = line.startsWith("```") ? "```" : line.startsWith("~~~~") ? "~~~~" : null;
            if (marker != null && open == null) {
                open = marker;
            } else if (marker != null && marker.equals(open) && line.strip().equals(marker)) {
                open = null;
            }
        }
        return open;
    }

    @Test
    void every_code_block_of_the_real_course_lies_whole_in_a_passage_and_every_fence_is_closed() throws IOException {
        Path course = Courses.assumeReal();
        int blocks = 0;
        try (Stream<Path> files = Files.walk(course)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                String path = course.relativize(file).toString();
                ParsedDocument doc = DocumentParser.parse(path, TextDecoder.decode(Files.readAllBytes(file)).text());
                for (ParsedDocument.CodeBlock block : doc.codeBlocks()) {
                    if (block.code().isBlank()) {
                        continue;
                    }
                    long holding = doc.passages().stream().filter(p -> p.text().contains(block.code().strip())).count();
                    assertThat(holding).as(path + " code block " + block.ord()).isGreaterThanOrEqualTo(1);
                    blocks++;
                }
                for (ParsedDocument.Passage p : doc.passages()) {
                    assertThat(openFence(p.text())).as(path + " passage " + p.ord() + " leaves a fence open").isNull();
                }
            }
        }
        assertThat(blocks).isGreaterThan(100);
    }
}
