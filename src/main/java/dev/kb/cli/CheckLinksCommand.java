package dev.kb.cli;

import static dev.kb.common.PlainText.visible;

import dev.kb.app.Kb;
import dev.kb.references.Reference;
import dev.kb.references.ReferenceChecks;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check-links", mixinStandardHelpOptions = true,
        description = "Index a course and check its external links (reusing checks younger than --link-max-age), "
                + "then list the broken and failing ones. Exits with 3 when a link is broken (HTTP 4xx); errors "
                + "such as timeouts and 5xx are reported but may pass on their own, so they do not fail the run.")
final class CheckLinksCommand extends CourseCommand implements Callable<Integer> {
    static final int BROKEN_LINKS = 3;

    @Mixin
    LinkCheckOptions links;

    @Override
    public Integer call() {
        if (links.offline) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "check-links needs the network; leave out --offline (or unset KB_OFFLINE)");
        }
        CourseDirectory course = course();
        PrintWriter out = spec.commandLine().getOut();
        try (Kb app = Kb.open(config())) {
            app.index(course.id(), course.path());
            ReferenceChecks.Summary summary = app.checkLinks(course.id(), links.settings(),
                    ProgressBar.onTerminal(spec.commandLine().getErr(), "checking links"));
            LinkSummary.print(out, summary);
            LinkSummary.hintWhenOffline(spec.commandLine().getErr(), summary, "check-links needs the network.");
            int broken = 0;
            for (Reference r : app.services().references().list(course.id(), null, Integer.MAX_VALUE, 0).items()) {
                if (r.status().equals("broken") || r.status().equals("error")) {
                    broken += r.status().equals("broken") ? 1 : 0;
                    Reference.Usage first = r.usages().get(0);
                    out.printf("  %-6s %s  %s (%s%s)%n", r.status(), visible(r.url()),
                            r.error() == null ? "" : visible(r.error()), visible(first.path()),
                            first.line() == null ? "" : ":" + first.line());
                }
            }
            out.flush();
            if (broken == 0) {
                return 0;
            }
            BrokenLinks.say(spec.commandLine().getErr(), broken, "external link", "HTTP 4xx, listed as broken",
                    BROKEN_LINKS);
            return BROKEN_LINKS;
        }
    }
}
