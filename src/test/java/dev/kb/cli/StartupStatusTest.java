package dev.kb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.ingest.IndexProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StartupStatusTest {
    @Test
    void an_index_run_is_a_line_per_phase_and_on_a_terminal_a_bar_while_files_are_parsed() {
        StringWriter terminal = new StringWriter();
        run(new StartupStatus(new PrintWriter(terminal), true).indexing("c"));
        assertThat(terminal.toString()).startsWith("kb: indexing c: reading its files\nkb: parsing 3 new or changed files\n")
                .contains("\rparsing [" + "#".repeat(30) + "] 3/3\n")
                .endsWith("kb: storing the run in PostgreSQL\nkb: updating the search index\n");

        StringWriter pipe = new StringWriter();
        run(new StartupStatus(new PrintWriter(pipe), false).indexing("c"));
        assertThat(pipe.toString()).isEqualTo("kb: indexing c: reading its files\nkb: parsing 3 new or changed files\n"
                + "kb: storing the run in PostgreSQL\nkb: updating the search index\n");
    }

    private static void run(IndexProgress progress) {
        progress.update("scan", 0, 0);
        for (int done = 0; done <= 3; done++) {
            progress.update("parse", done, 3);
        }
        progress.update("store", 0, 0);
        progress.update("course-wide", 0, 0);
        progress.update("search index", 0, 0);
    }
}
