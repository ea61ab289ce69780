package dev.kb.cli;

import picocli.CommandLine.Command;

/**
 * The {@code kb} command. Each subcommand has only the options it uses (mixins per concern: {@link DatabaseOptions},
 * {@link HttpOptions}, {@link IngestOptions}, {@link LinkCheckOptions}, {@link CourseIdOption}); each option takes its
 * default from a {@code KB_*} environment variable, and a flag beats both.
 */
@Command(name = "kb", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A knowledge base for technical training courses: index a course repository and serve "
                + "search, topics, prerequisites and coverage over a REST API.",
        footer = {"", "'kb COMMAND --help' lists the options of a command; each option also reads a KB_* environment "
                + "variable (a flag beats the environment, which beats the default)."},
        subcommands = {ServeCommand.class, IndexCommand.class, CoverageCommand.class, CheckLinksCommand.class,
                EvalCommand.class, BenchCommand.class},
        usageHelpAutoWidth = true)
public final class KbCommand {
}
