package dev.kb.cli;

import dev.kb.app.Kb;
import dev.kb.ingest.IndexRunReport;
import dev.kb.references.ReferenceChecks;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "index", mixinStandardHelpOptions = true,
        description = "Index a course into PostgreSQL and the search index, check its external links (unless "
                + "--offline), report what was found, and exit.")
final class IndexCommand extends CourseCommand implements Callable<Integer> {
    @Mixin
    LinkCheckOptions links;

    @Override
    public Integer call() {
        CourseDirectory course = course();
        try (Kb app = Kb.open(config())) {
            IndexRunReport report = app.index(course.id(), course.path());
            RunSummary.print(spec.commandLine().getOut(), report);
            if (!links.offline) {
                ReferenceChecks.Summary checked = app.checkLinks(course.id(), links.settings(),
                        ProgressBar.onTerminal(spec.commandLine().getErr(), "checking links"));
                LinkSummary.print(spec.commandLine().getOut(), checked);
                LinkSummary.hintWhenOffline(spec.commandLine().getErr(), checked,
                        "--offline (or KB_OFFLINE=true) indexes without checking links.");
            }
        }
        return 0;
    }
}
