package dev.kb.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageServiceTest {
    private TestApp app;
    private CoverageReport report;

    @BeforeAll
    void start() {
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
        report = app.kb().services().coverage().report("fixture-course");
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void summary_counts_items_by_status_and_every_kind_of_finding() {
        CoverageReport.Summary s = report.summary();
        assertThat(List.of(s.items(), s.linked(), s.missing(), s.empty(), s.external(), s.unlinked()))
                .containsExactly(18, 12, 2, 1, 1, 2);
        assertThat(List.of(s.brokenLinks(), s.brokenFragments(), s.missingImages(), s.duplicateLinks()))
                .containsExactly(5, 2, 2, 1);
        assertThat(List.of(s.orphanDocuments(), s.notInAgenda(), s.emptyDocuments())).containsExactly(7, 10, 2);
    }

    @Test
    void gaps_name_the_topics_that_likely_cover_them_or_say_nothing_does() {
        assertThat(report.gaps()).extracting(CoverageReport.Gap::title).containsExactly("Ingress controllers",
                "Missing walkthrough", "Escaping link", "Planned: seccomp", "Observability mit Prometheus");
        CoverageReport.Gap ingress = report.gaps().get(0);
        // networking/übersicht.md says "Ingress" once in passing ("Pods, Services und Ingress: wie der Verkehr
        // fließt") and names no controller: a trainer would not call the item covered (issue 16).
        assertThat(ingress.suggestions()).extracting(CoverageReport.Suggestion::path)
                .doesNotContain("networking/übersicht.md");
        assertThat(ingress.covered()).isFalse();
        assertThat(ingress.suggestions()).allSatisfy(x -> assertThat(x.confidence()).isBetween(0.2, 1.0));
        assertThat(ingress.suggestions()).extracting(CoverageReport.Suggestion::confidence)
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        CoverageReport.Gap observability = report.gaps().get(4);
        assertThat(observability.covered()).isFalse();
        assertThat(observability.suggestions()).isEmpty();
    }

    @Test
    void broken_links_name_the_file_most_likely_meant_when_one_is_obvious() {
        assertThat(report.brokenLinks()).anySatisfy(b -> {
            assertThat(b.source()).isEqualTo("guides/README.md");
            assertThat(b.target()).isEqualTo("guides/setup/01-install.md");
            assertThat(b.closest()).isEqualTo("setup/01-install.md");
            assertThat(b.line()).isEqualTo(4);
        });
        assertThat(report.brokenLinks()).anySatisfy(b -> {
            assertThat(b.source()).isEqualTo("README.md");
            assertThat(b.target()).isEqualTo("networking/walkthrough.md");
            assertThat(b.closest()).isNull();
            assertThat(b.line()).isNull();
        });
        assertThat(report.brokenLinks()).anySatisfy(b -> {
            assertThat(b.href()).isEqualTo("../../etc/passwd");
            assertThat(b.reason()).contains("escapes the course root");
        });
    }

    @Test
    void fragments_must_name_a_heading_and_images_must_exist() {
        assertThat(report.brokenFragments()).anySatisfy(b -> {
            assertThat(b.source()).isEqualTo("networking/services.md");
            assertThat(b.href()).isEqualTo("#servce-types");
            assertThat(b.reason()).contains("#servce-types");
        });
        // The agenda's "networking/services.md#service-types" names a real heading: not reported.
        assertThat(report.brokenFragments()).noneMatch(b -> b.source().equals("README.md"));
        assertThat(report.missingImages()).extracting(CoverageReport.BrokenLink::target).containsOnly("images/missing.png");
    }

    @Test
    void a_document_linked_twice_in_one_section_is_reported() {
        assertThat(report.duplicateLinks()).singleElement().satisfies(d -> {
            assertThat(d.section()).isEqualTo("Backlog");
            assertThat(d.path()).isEqualTo("security/02-capabilities.md");
            assertThat(d.items()).containsExactly("Capabilities", "Capabilities, once more");
        });
    }

    @Test
    void orphans_are_linked_by_nothing_and_not_in_agenda_counts_agenda_links_only() {
        assertThat(report.orphanDocuments()).extracting(CoverageReport.DocumentRef::path).containsExactlyInAnyOrder(
                "_README.md", "crlf-bom.md", "empty.md", "images-only.md", "latin1.md", "networking/übersicht.md",
                "security/labs/exercise-drop-capabilities.md");
        assertThat(report.notInAgenda()).extracting(CoverageReport.DocumentRef::path)
                .contains("guides/troubleshooting.md", "cycle/a.md", "cycle/b.md");
        assertThat(report.notInAgenda()).filteredOn(d -> d.path().equals("guides/troubleshooting.md"))
                .singleElement().extracting(CoverageReport.DocumentRef::linkedFrom).isEqualTo(1);
        assertThat(report.emptyDocuments()).extracting(CoverageReport.DocumentRef::path)
                .containsExactlyInAnyOrder("empty.md", "images-only.md");
    }

    @Test
    void modules_show_their_share_covered_and_the_size_of_the_material() {
        CoverageReport.ModuleCoverage networking = report.modules().get(1);
        assertThat(networking.module()).isEqualTo("Networking");
        assertThat(networking.items()).isEqualTo(4);
        assertThat(networking.linked()).isEqualTo(2);
        assertThat(networking.covered()).isEqualTo(0.5);
        assertThat(networking.words()).isGreaterThan(50);
        assertThat(networking.codeBlocks()).isEqualTo(1);
    }

    @Test
    void markdown_report_has_every_part_and_keeps_course_text_from_becoming_markup() {
        String md = CoverageMarkdown.render(report);
        assertThat(md).startsWith("# Coverage of fixture-course").contains("## Modules", "## Broken links (5)",
                "did you mean `setup/01-install.md`?", "## Links to missing headings (2)", "## Missing images (2)",
                "## Orphan documents (linked by nothing) (7)", "nothing in the course covers it",
                "| Agenda | Networking | 4 | 2 | 0 | 50% |");
        assertThat(md).contains("`guides/README.md` line 4: `[Lab setup](setup/01-install.md)`");
    }

    @Test
    void markdown_escapes_course_text() {
        CoverageReport nasty = new CoverageReport("c", report.summary(),
                List.of(new CoverageReport.ModuleCoverage("A | B", "[x](javascript:y) <script>", 1, 0, 0, 1, 0, 0, 0)),
                List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(new CoverageReport.DocumentRef("1", "a.md", "Title [x](y)\n# not a heading", 0)),
                List.of(), List.of(), new CoverageReport.ExternalLinks(java.util.Map.of("broken", 1), List.of(
                        new dev.kb.references.Reference("r", "https://x.org/`a` b", "x.org", "broken", 404, null, null,
                                null, null, "HTTP 404 [x](y)", List.of(new dev.kb.references.Reference.Usage("c", null,
                                "README.md", "t", null))))), null);
        String md = CoverageMarkdown.render(nasty);
        assertThat(md).contains("| A \\| B | \\[x\\](javascript:y) \\<script\\> |")
                .contains("`a.md` — Title \\[x\\](y)␊# not a heading")
                .contains("- ``https://x.org/`a` b`` — broken: HTTP 404 \\[x\\](y); used in `README.md`")
                .doesNotContain("<script>").doesNotContain("\n# not a heading");
    }
}
