package dev.kb.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that works on one course directory named on the command line. */
abstract class CourseCommand {
    @ParentCommand
    KbCommand kb;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The course directory (its README.md is the agenda).")
    Path path;

    CourseDirectory course() {
        return CourseDirectory.of(spec, path, kb.courseId);
    }
}
