package dev.kb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The small example course that ships inside kb, written out to a directory so it is indexed like any
 * other course. Rewritten on every start so it always matches this build.
 */
final class ExampleCourse {
    private static final String ROOT = "/example-course/";

    private ExampleCourse() {
    }

    static Path extractTo(Path target) {
        try (InputStream list = resource("files.txt")) {
            for (String file : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (file.isBlank()) {
                    continue;
                }
                Path out = target.resolve(file.strip());
                Files.createDirectories(out.getParent());
                try (InputStream in = resource(file.strip())) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the example course to " + target, e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = ExampleCourse.class.getResourceAsStream(ROOT + name);
        if (in == null) {
            throw new IOException("example course file missing from the build: " + name);
        }
        return in;
    }
}
