package dev.kb.ingest;

import dev.kb.common.InvalidInput;
import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Course-relative paths in the one form kb stores them (segments joined by {@code /}, without {@code .} or empty
 * segments, in Unicode NFC): what a link resolves to and what a caller's {@code path} is looked up as.
 */
public final class CoursePaths {
    private CoursePaths() {
    }

    /**
     * {@code path} resolved against the folder {@code base} (course-relative, "" for the root): {@code .} and empty
     * segments dropped, {@code ..} going up; empty when it climbs out of the root, which no course path can name.
     */
    public static Optional<String> resolve(String base, String path) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : (base + "/" + path).split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return Optional.of(Normalizer.normalize(String.join("/", segments), Normalizer.Form.NFC));
    }

    /**
     * A caller's course path as a lookup key: {@code ./x.md}, {@code /x.md}, {@code a//b.md} and {@code a/./b.md}
     * name the files they would name in a shell at the course root; one that climbs out of it is refused, naming
     * the parameter. Null stays null (no path given).
     */
    public static String parameter(String name, String value) {
        if (value == null) {
            return null;
        }
        return resolve("", value.strip()).orElseThrow(() -> new InvalidInput(name,
                "'" + name + "' climbs out of the course root: give a path inside the course, such as docs/intro.md"));
    }
}
