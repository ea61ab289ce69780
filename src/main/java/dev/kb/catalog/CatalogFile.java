package dev.kb.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kb.common.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The catalog file ({@code kb serve --catalog courses.yaml}): the courses kb follows, each a git repository
 * ({@code git}, {@code ref}, {@code subdir}) or a directory ({@code path}, relative to the file's folder), with an
 * optional {@code poll} each and for all. Read whole and checked before kb starts: the first problem is one line
 * naming the entry.
 */
public final class CatalogFile {
    private static final Set<String> TOP = Set.of("courses", "poll");
    private static final Set<String> ENTRY = Set.of("id", "git", "path", "ref", "subdir", "poll");

    /** The courses in the file's order, and the poll interval for those that name none (null: kb's default). */
    public record Catalog(List<CourseSource> courses, Duration poll) {
    }

    /** A catalog file kb cannot use: the message names the file, the entry and the problem, in one line. */
    public static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private CatalogFile() {
    }

    public static Catalog read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new Invalid("catalog " + name + " cannot be read: " + (Files.exists(file) ? e.getMessage()
                    : "no such file"));
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            throw new Invalid("catalog " + name + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject() || !root.path("courses").isArray()) {
            throw new Invalid("catalog " + name + " has no 'courses:' list");
        }
        unknownKeys(root, TOP, "catalog " + name);
        Duration poll = root.has("poll") ? duration(root.get("poll"), "catalog " + name) : null;
        Path base = file.toAbsolutePath().getParent();
        List<CourseSource> courses = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonNode entry : root.get("courses")) {
            n++;
            String where = "catalog " + name + ", entry " + n
                    + (entry.hasNonNull("id") ? " (" + entry.get("id").asText() + ")" : "");
            if (!entry.isObject()) {
                throw new Invalid(where + ": an entry is a mapping with id and git or path");
            }
            unknownKeys(entry, ENTRY, where);
            CourseSource source;
            try {
                source = entry(entry, base, where);
            } catch (IllegalArgumentException e) {
                throw new Invalid(where + ": " + e.getMessage());
            }
            if (!ids.add(source.id())) {
                throw new Invalid(where + ": the id '" + source.id() + "' is taken by an earlier entry");
            }
            courses.add(source);
        }
        if (courses.isEmpty()) {
            throw new Invalid("catalog " + name + " lists no course");
        }
        return new Catalog(List.copyOf(courses), poll);
    }

    private static CourseSource entry(JsonNode entry, Path base, String where) {
        String id = text(entry, "id");
        if (id == null) {
            throw new IllegalArgumentException("no id");
        }
        Duration poll = entry.has("poll") ? duration(entry.get("poll"), where) : null;
        String path = text(entry, "path");
        if (path != null && !entry.has("git")) {
            if (entry.has("ref") || entry.has("subdir") || entry.has("poll")) {
                throw new IllegalArgumentException("ref, subdir and poll belong to a git entry, not a path");
            }
            Path dir = base.resolve(path).normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("no course directory at " + path);
            }
            return CourseSource.directory(id, dir);
        }
        return new CourseSource(id, path == null ? null : Path.of(path), text(entry, "git"), text(entry, "ref"),
                text(entry, "subdir"), poll);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new IllegalArgumentException("'" + key + "' must be a single value");
        }
        return value.asText();
    }

    private static Duration duration(JsonNode value, String where) {
        try {
            return Durations.parse(value.asText());
        } catch (IllegalArgumentException e) {
            throw new Invalid(where + ": poll " + e.getMessage());
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!known.contains(key)) {
                throw new Invalid(where + ": unknown key '" + key + "' (known: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
    }
}
