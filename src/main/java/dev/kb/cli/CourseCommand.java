package dev.kb.cli;

import dev.kb.config.Config;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** A command that indexes one course directory named on the command line, with the options that takes. */
abstract class CourseCommand extends IndexingCommand {
    @Parameters(paramLabel = "PATH", description = "The course directory (its README.md is the agenda).")
    Path path;

    CourseDirectory course() {
        return CourseDirectory.of(spec, path, courseId.courseId);
    }

    Config config() {
        return database.config(ingest.limits());
    }
}
