package dev.kb.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import org.junit.jupiter.api.Test;

class CoverageServiceTest {

    @Test
    void fixture_report_counts_items_gaps_orphans_and_empty_documents() {
        try (TestApp app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED)) {
            CoverageReport report = app.kb().services().coverage().report("fixture-course");

            assertThat(report.summary()).isEqualTo(new CoverageReport.Summary(17, 11, 2, 1, 1, 2, 10, 2));
            assertThat(report.gaps()).extracting(CoverageReport.Gap::title).containsExactly(
                    "Ingress controllers", "Missing walkthrough", "Escaping link", "Planned: seccomp",
                    "Observability mit Prometheus");
            assertThat(report.orphanDocuments()).extracting(CoverageReport.DocumentRef::path).containsExactlyInAnyOrder(
                    "_README.md", "crlf-bom.md", "cycle/a.md", "cycle/b.md", "empty.md", "guides/troubleshooting.md",
                    "images-only.md", "latin1.md", "networking/übersicht.md", "security/labs/exercise-drop-capabilities.md");
            assertThat(report.orphanDocuments()).filteredOn(d -> d.path().equals("guides/troubleshooting.md"))
                    .singleElement().extracting(CoverageReport.DocumentRef::linkedFrom).isEqualTo(1);
            assertThat(report.emptyDocuments()).extracting(CoverageReport.DocumentRef::path)
                    .containsExactlyInAnyOrder("empty.md", "images-only.md");
            CoverageReport.ModuleCoverage networking = report.modules().get(1);
            assertThat(networking.module()).isEqualTo("Networking");
            assertThat(networking.items()).isEqualTo(4);
            assertThat(networking.linked()).isEqualTo(2);
            assertThat(networking.covered()).isEqualTo(0.5);
        }
    }
}
