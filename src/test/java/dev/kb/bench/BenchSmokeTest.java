package dev.kb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.testing.Courses;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small run of the benchmark (a 300-document corpus, a second per load run) so the benchmark cannot rot; the
 * figures themselves are not asserted — they live in docs/benchmarks.md.
 */
class BenchSmokeTest {
    @TempDir
    Path work;

    @Test
    void generated_corpus_is_deterministic_and_shuffles_prose_only() throws IOException {
        CorpusGenerator.Corpus a = CorpusGenerator.generate(Courses.fixture(), work.resolve("a"), 120, 7);
        CorpusGenerator.Corpus b = CorpusGenerator.generate(Courses.fixture(), work.resolve("b"), 120, 7);
        assertThat(markdown(a.root())).hasSize(120);
        assertThat(contents(a.root())).isEqualTo(contents(b.root()));
        assertThat(CorpusGenerator.generate(Courses.fixture(), work.resolve("a"), 120, 7).reused()).isTrue();

        String prose = "Pods run `kubectl get pods` and more words here.\n```\nkeep this code\n```\n# Keep Heading\n";
        String shuffled = CorpusGenerator.shuffle(prose, new java.util.Random(1));
        assertThat(shuffled).contains("`kubectl get pods`", "```\nkeep this code\n```", "# Keep Heading");
        assertThat(shuffled.split("\\s+")).containsExactlyInAnyOrder(prose.split("\\s+"));
    }

    @Test
    void refuses_to_overwrite_a_directory_it_did_not_generate() throws IOException {
        Path mine = Files.createDirectories(work.resolve("mine"));
        Files.writeString(mine.resolve("notes.md"), "# mine");
        assertThatThrownBy(() -> CorpusGenerator.generate(Courses.fixture(), mine, 50, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a generated corpus");
        assertThat(mine.resolve("notes.md")).exists();
    }

    @Test
    void small_run_measures_both_systems_and_reports() throws Exception {
        List<String> log = new ArrayList<>();
        Path eval = Files.createDirectories(work.resolve("eval/other-course"));
        Files.writeString(eval.getParent().resolve("queries-dev.tsv"), "# query\tpaths\nkubectl pods\ta.md\n");
        Files.writeString(eval.resolve("queries.tsv"), "installation\tb.md c.md\n");
        List<String> judged = QueryMix.judged(eval.getParent());
        assertThat(judged).containsExactly("kubectl pods", "installation");
        Benchmark.Result result = Benchmark.run(new Benchmark.Settings(Courses.fixture(), work, 300, List.of(2),
                Duration.ofMillis(500), Duration.ofSeconds(1), 42, 40, judged), log::add);

        // The fixture has files the indexer skips on purpose (binary, empty), so some copies are not documents.
        assertThat(result.index().documents()).isBetween(200, 300);
        assertThat(result.index().ftsRows()).isPositive();
        assertThat(result.index().changedFileSearchableSeconds()).isPositive();
        for (String system : List.of(Benchmark.KB, Benchmark.KB_FRESH, Benchmark.POSTGRES, Benchmark.KB_JUDGED,
                Benchmark.POSTGRES_JUDGED, Benchmark.HEALTH)) {
            Benchmark.Run run = Report.run(result, system, 2);
            assertThat(run.throughput()).as(system).isPositive();
            assertThat(run.failures()).as(system).isZero();
            assertThat(run.p99Millis()).as(system).isGreaterThanOrEqualTo(run.p50Millis());
        }
        String report = Report.markdown(List.of(result), Optional.empty());
        assertThat(report).contains("| " + result.index().documents() + " | 2 |", "| goal | measured | met |",
                "Judged queries of the dev courses", "search ≥ 10× PostgreSQL FTS, judged queries, 2 clients");

        Path png = work.resolve("growth.png");
        GrowthPlot.write(List.of(result, result), 2, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(100);
    }

    private static List<Path> markdown(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
    }

    private static List<String> contents(Path root) throws IOException {
        List<String> all = new ArrayList<>();
        for (Path p : markdown(root)) {
            all.add(root.relativize(p) + "\n" + Files.readString(p));
        }
        return all;
    }
}
