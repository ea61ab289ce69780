package dev.kb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code kb} launcher script, run against a stand-in {@code java} that prints the command line it gets. */
class LauncherTest {

    @Test
    void the_launcher_starts_a_jvm_that_an_out_of_memory_error_ends(@TempDir Path root) throws Exception {
        Files.copy(Path.of("kb"), root.resolve("kb"));
        // A jar with no sources beside it is up to date: the script runs it without building.
        Files.createDirectories(root.resolve("target"));
        Files.createFile(root.resolve("target/kb.jar"));
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(bin.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder kb = new ProcessBuilder("bash", root.resolve("kb").toString(), "--version")
                .redirectErrorStream(true);
        kb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        kb.environment().put("KB_JAVA_OPTS", "-Xmx64m");
        Process p = kb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> args = List.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .strip().split("\n"));

        assertThat(p.exitValue()).isZero();
        // Without the flag an OutOfMemoryError left a server that answered nothing and ignored SIGTERM.
        assertThat(args).startsWith("-XX:+ExitOnOutOfMemoryError", "-Xmx64m", "-jar")
                .endsWith(root.resolve("target/kb.jar").toString(), "--version");
    }
}
