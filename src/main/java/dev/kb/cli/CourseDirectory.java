package dev.kb.cli;

import dev.kb.ingest.CourseIds;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** A course directory named on the command line, checked, with the id it will be stored under. */
record CourseDirectory(Path path, String id) {

    static CourseDirectory of(CommandLine.Model.CommandSpec spec, Path path, String courseId) {
        Path absolute = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no course directory at " + path);
        }
        String id = courseId;
        if (id == null || id.isBlank()) {
            Path name = absolute.getFileName();
            id = CourseIds.slug(name == null ? "course" : name.toString());
        } else if (!CourseIds.isValid(id)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--course-id '" + id
                    + "' is not a valid id: use lower-case letters, digits, '.', '_' and '-' (at most 64)");
        }
        return new CourseDirectory(absolute, id);
    }
}
