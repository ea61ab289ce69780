package dev.kb.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The courses one {@code kb eval} run scores, each with its judged files: lines
 * {@code course<TAB>what<TAB>path[<TAB>own]}, where {@code what} is {@code directory} (the course) or a kind of
 * judged file, and paths are relative to the manifest's folder. A file marked {@code own} was written by kb's
 * developers rather than judged independently: it is scored and shown, but kept out of the mean.
 */
public record EvalManifest(Path file, List<Course> courses) {

    /** The kinds of judged file; their names are the words of the manifest and the regression table. */
    public enum Judged {
        /** Keyword queries, as typed into a search box. */
        QUERIES,
        /** Whole questions in plain language, as asked of a chatbot. */
        QUESTIONS,
        PREREQUISITES,
        GAPS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Judged of(String label) {
            for (Judged j : values()) {
                if (j.label().equals(label)) {
                    return j;
                }
            }
            return null;
        }
    }

    public record JudgedFile(Path path, boolean own) {
    }

    /** A course to score: its directory and judged files; {@code present} when the directory is there. */
    public record Course(String id, Path directory, Map<Judged, JudgedFile> files) {
        public boolean present() {
            return directory != null && Files.isRegularFile(directory.resolve("README.md"));
        }
    }

    public static EvalManifest read(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Map<String, Path> directories = new LinkedHashMap<>();
        Map<String, Map<Judged, JudgedFile>> files = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.strip().split("\t");
            if (parts.length < 3 || parts.length > 4 || parts.length == 4 && !parts[3].strip().equals("own")) {
                throw new IOException(file + ": expected 'course<TAB>what<TAB>path[<TAB>own]' but found: " + line);
            }
            String course = parts[0].strip();
            String what = parts[1].strip();
            Path path = folder.resolve(parts[2].strip()).normalize();
            files.computeIfAbsent(course, c -> new EnumMap<>(Judged.class));
            if (what.equals("directory")) {
                directories.put(course, path);
            } else if (Judged.of(what) != null) {
                files.get(course).put(Judged.of(what), new JudgedFile(path, parts.length == 4));
            } else {
                throw new IOException(file + ": '" + what + "' is neither 'directory' nor a kind of judged file "
                        + "(queries, questions, prerequisites, gaps): " + line);
            }
        }
        List<Course> courses = new ArrayList<>();
        files.forEach((id, judged) -> courses.add(new Course(id, directories.get(id), Map.copyOf(judged))));
        return new EvalManifest(file, List.copyOf(courses));
    }
}
