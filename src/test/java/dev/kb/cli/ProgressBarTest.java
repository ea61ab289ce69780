package dev.kb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void redraws_in_place_only_when_the_bar_grows_and_ends_the_line_when_done() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), "checking links");
        for (int done = 1; done <= 300; done++) {
            bar.update(done, 300);
        }
        String out = err.toString();
        assertThat(out.split("\r", -1)).hasSize(32); // the empty bar once, then one draw per step of 30
        assertThat(out).endsWith("\rchecking links [" + "#".repeat(30) + "] 300/300\n");
        assertThat(out).contains("\rchecking links [#" + ".".repeat(29) + "] 10/300");
    }
}
