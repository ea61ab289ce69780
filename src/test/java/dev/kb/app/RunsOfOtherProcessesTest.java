package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import dev.kb.testing.Replicas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's changes are relative to the run before it. A process whose index missed runs another process published
 * (both on one database) must not apply only its own run's changes and claim to be current.
 */
class RunsOfOtherProcessesTest {

    @Test
    void a_run_after_runs_of_another_process_leaves_the_index_with_their_changes_too(@TempDir Path tmp)
            throws Exception {
        Replicas replicas = Replicas.fresh(tmp);
        Path course = Courses.fixtureCopy(tmp);
        try (Kb a = replicas.open("a");
             Kb b = replicas.open("b")) {
            a.index("fixture", course);
            b.index("fixture", course);
            Files.writeString(course.resolve("security/01-non-root.md"), "\n\nThe quokka rule applies here.\n",
                    StandardOpenOption.APPEND);
            a.index("fixture", course);
            // Nothing changed since a's run: b's own run finds no file to parse again.
            assertThat(b.index("fixture", course).filesParsed()).isZero();

            assertThat(Replicas.paths(b, "fixture", "quokka")).containsExactly("security/01-non-root.md");
            assertThat(b.services().health().ready().ready()).isTrue();
        }
    }

}
