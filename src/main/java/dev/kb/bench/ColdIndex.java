package dev.kb.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code kb index --offline} of a course as a user runs it: a new JVM, a new embedded PostgreSQL in an empty data
 * directory, the whole course. Wall time from process start to exit.
 */
final class ColdIndex {
    private ColdIndex() {
    }

    /** Seconds the run took, or empty when kb is not running from its jar (as in tests) and cannot start itself. */
    static Optional<Double> measure(Path course, Path dataDir) throws IOException, InterruptedException {
        Path jar;
        try {
            jar = Path.of(ColdIndex.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
            return Optional.empty();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile("kb-cold-index", ".log");
        try {
            long started = System.nanoTime();
            Process p = new ProcessBuilder(List.of(java, "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString(), "index",
                    "--offline", "--data-dir",
                    dataDir.toString(), course.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("kb index did not finish within 10 minutes");
            }
            double seconds = Benchmark.seconds(started);
            if (p.exitValue() != 0) {
                throw new IOException("kb index failed (exit " + p.exitValue() + "): " + Files.readString(log).strip());
            }
            return Optional.of(seconds);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
