package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The parser version is stored with every document and compared on the next run: it must be the same in every
 * process, or each restart parses the whole course again (a set's iteration order once made it differ).
 */
class ParserVersionTest {
    /** Prints the parser version of a fresh JVM. */
    public static void main(String[] args) {
        System.out.print(ParserVersion.current());
    }

    @Test
    void is_the_same_in_every_process() throws Exception {
        String first = versionInNewJvm();
        String second = versionInNewJvm();
        assertThat(first).isNotBlank().isEqualTo(second).isEqualTo(Integer.toString(ParserVersion.current()));
    }

    private static String versionInNewJvm() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                ParserVersionTest.class.getName())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
