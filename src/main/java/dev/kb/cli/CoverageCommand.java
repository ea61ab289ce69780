package dev.kb.cli;

import dev.kb.app.Kb;
import dev.kb.common.Json;
import dev.kb.coverage.CoverageMarkdown;
import dev.kb.coverage.CoverageReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "coverage", mixinStandardHelpOptions = true,
        description = "Index a course and print its coverage report: agenda items without a document (with the "
                + "topics that likely cover them), broken links, missing headings and images, orphan and empty "
                + "documents. Exits with 3 when the course has broken local links, so it can guard a course's CI.")
final class CoverageCommand extends CourseCommand implements Callable<Integer> {
    /** The exit code when the report finds broken local links. */
    static final int BROKEN_LINKS = 3;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "FORMAT",
            description = "markdown (default) or json.")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("markdown") && !format.equals("json")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--format must be markdown or json, not '" + format + "'");
        }
        CourseDirectory course = course();
        CoverageReport report;
        try (Kb app = Kb.open(config())) {
            app.index(course.id(), course.path());
            report = app.services().coverage().report(course.id());
        }
        spec.commandLine().getOut().print(format.equals("json")
                ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
                : CoverageMarkdown.render(report));
        spec.commandLine().getOut().flush();
        if (report.brokenLinks().isEmpty()) {
            return 0;
        }
        BrokenLinks.say(spec.commandLine().getErr(), report.brokenLinks().size(), "local link",
                "see \"Broken links\" in the report", BROKEN_LINKS);
        return BROKEN_LINKS;
    }
}
