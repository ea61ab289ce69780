package dev.kb.cli;

import dev.kb.config.Config;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A command that indexes one course directory named on the command line, with the options that takes. */
abstract class CourseCommand {
    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Mixin
    CourseIdOption courseId;

    @Mixin
    IngestOptions ingest;

    @Parameters(paramLabel = "PATH", description = "The course directory (its README.md is the agenda).")
    Path path;

    CourseDirectory course() {
        return CourseDirectory.of(spec, path, courseId.courseId);
    }

    Config config() {
        return database.config(ingest.limits());
    }
}
