package dev.kb.cli;

import dev.kb.app.Kb;
import dev.kb.ingest.IndexRunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a course into PostgreSQL and the search index, report what was found, and exit.")
final class IndexCommand implements Callable<Integer> {
    @ParentCommand
    KbCommand kb;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "The course directory (its README.md is the agenda).")
    Path path;

    @Override
    public Integer call() {
        CourseDirectory course = CourseDirectory.of(spec, path, kb.courseId);
        try (Kb app = Kb.open(kb.config())) {
            IndexRunReport report = app.index(course.id(), course.path());
            RunSummary.print(spec.commandLine().getOut(), report);
        }
        return 0;
    }
}
