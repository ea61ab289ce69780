package dev.kb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog benchmark of three repositories from the fixture course, so it cannot rot; figures are not asserted. */
class CatalogBenchSmokeTest {
    @TempDir
    Path work;

    @Test
    void three_repositories_are_indexed_cold_and_one_push_reads_only_what_changed() throws Exception {
        List<String> log = new ArrayList<>();

        CatalogBenchmark.Figures f = CatalogBenchmark.run(List.of(Courses.fixture()), 3, work, log::add);

        assertThat(f.courses()).isEqualTo(3);
        assertThat(f.documents()).isPositive().isEqualTo(f.documents() / 3 * 3);
        assertThat(f.diskBytes()).allSatisfy((part, bytes) -> assertThat(bytes).as(part).isPositive());
        // The pushed README (the agenda), and the fixture's files no run stores (binary, a link): read every time.
        assertThat(f.pushFilesRead()).isPositive().isLessThan(f.documents() / 3 / 2);
        assertThat(f.pushFilesParsed()).isEqualTo(1);
        assertThat(f.searches().queries()).isPositive();
        assertThat(f.searches().allP50Ms()).isPositive();
        assertThat(CatalogBenchmark.markdown(f)).contains("| 3 | " + f.documents() + " |").contains("all courses p50");
        assertThat(work.resolve("data-catalog")).doesNotExist();
    }
}
