package dev.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of {@code eval/regressions.tsv} holds: each course of {@code eval/courses.tsv} is indexed once (alone,
 * as {@code kb eval --regressions} does), measured on its judged files, and each row compares one figure with its
 * expected value. Rows whose course is absent (no ../shared) are skipped, not failed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegressionTableTest {
    private static final Path TABLE = Path.of("eval/regressions.tsv");
    private static final Path MANIFEST = Path.of("eval/courses.tsv");

    private final Map<String, Map<String, Double>> figures = new HashMap<>();

    static Stream<Arguments> rows() throws IOException {
        return RegressionTable.read(TABLE).rows().stream().map(r -> Arguments.of(Named.of(
                r.course() + " " + r.judged() + " " + r.measure() + " = " + r.expected() + " ± " + r.tolerance(), r)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void figure_is_within_its_tolerance(RegressionTable.Row row) throws IOException {
        EvalManifest.Course course = EvalManifest.read(MANIFEST).courses().stream()
                .filter(c -> c.id().equals(row.course())).findFirst().orElse(null);
        assertThat(course).as("course %s of the table is in %s", row.course(), MANIFEST).isNotNull();
        Assumptions.assumeTrue(course.present(), course.directory() + " is not here");
        Double today = figures.computeIfAbsent(course.id(), id -> measure(course)).get(row.figure());
        assertThat(today).as("%s measures %s", course.id(), row.figure()).isNotNull();
        assertThat(row.holds(today)).as("%s %s %s: today %.3f, expected %.3f ± %.3f", row.course(), row.judged(),
                row.measure(), today, row.expected(), row.tolerance()).isTrue();
    }

    private static Map<String, Double> measure(EvalManifest.Course course) {
        try {
            Path dataDir = Files.createTempDirectory("kb-regressions-");
            try (Kb kb = Kb.open(new Config(0, dataDir, TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
                kb.index(course.id(), course.directory());
                return CourseEvaluation.run(kb, course, 0, dataDir).figures();
            } finally {
                Courses.delete(dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
