package dev.kb.cli;

import dev.kb.common.PublicUrl;
import dev.kb.config.Config;
import dev.kb.ingest.IngestLimits;
import dev.kb.references.CheckSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code kb} command. Options are inherited by every subcommand, so {@code kb --help} lists them all;
 * each takes its default from a {@code KB_*} environment variable, and a flag beats both.
 */
@Command(name = "kb", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A knowledge base for technical training courses: index a course repository and serve "
                + "search, topics, prerequisites and coverage over a REST API.",
        subcommands = {ServeCommand.class, IndexCommand.class, CoverageCommand.class, CheckLinksCommand.class,
                EvalCommand.class, BenchCommand.class},
        usageHelpAutoWidth = true)
public final class KbCommand {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", scope = ScopeType.INHERIT, paramLabel = "PORT",
            defaultValue = "${env:KB_PORT:-7070}",
            description = "HTTP port for 'serve'; 0 picks a free one (env KB_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            defaultValue = "${env:KB_DATA_DIR:-./data}",
            description = "Where the embedded PostgreSQL and the search index live (env KB_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            defaultValue = "${env:KB_DATABASE_URL}",
            description = "An external PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://host:5432/kb "
                    + "(env KB_DATABASE_URL).")
    String databaseUrl;

    @Option(names = "--database-user", scope = ScopeType.INHERIT, paramLabel = "USER",
            defaultValue = "${env:KB_DATABASE_USER}", description = "User for --database-url (env KB_DATABASE_USER).")
    String databaseUser;

    @Option(names = "--database-password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            defaultValue = "${env:KB_DATABASE_PASSWORD}",
            description = "Password for --database-url (env KB_DATABASE_PASSWORD).")
    String databasePassword;

    @Option(names = "--course-id", scope = ScopeType.INHERIT, paramLabel = "ID",
            defaultValue = "${env:KB_COURSE_ID}",
            description = "Id of the course (default: a slug of its directory name; env KB_COURSE_ID).")
    String courseId;

    @Option(names = "--offline", scope = ScopeType.INHERIT, defaultValue = "${env:KB_OFFLINE:-false}",
            description = "Do not check external links when indexing or serving (env KB_OFFLINE).")
    boolean offline;

    @Option(names = "--link-max-age", scope = ScopeType.INHERIT, paramLabel = "AGE",
            defaultValue = "${env:KB_LINK_MAX_AGE:-7d}", converter = DurationConverter.class,
            description = "Reuse a link check younger than this, e.g. 12h, 7d, 0 to check all again "
                    + "(env KB_LINK_MAX_AGE, default ${DEFAULT-VALUE}).")
    Duration linkMaxAge;

    @Option(names = "--allow-private-links", scope = ScopeType.INHERIT,
            defaultValue = "${env:KB_ALLOW_PRIVATE_LINKS:-false}",
            description = "Also check links to loopback, private and link-local addresses (off by default: a course "
                    + "could point the checker at internal services; env KB_ALLOW_PRIVATE_LINKS).")
    boolean allowPrivateLinks;

    @Option(names = "--admin-token", scope = ScopeType.INHERIT, paramLabel = "TOKEN",
            defaultValue = "${env:KB_ADMIN_TOKEN}",
            description = "Bearer token of the admin routes (re-index, jobs, registering courses); without one they "
                    + "are off (env KB_ADMIN_TOKEN; prefer the environment: flags show in process lists).")
    String adminToken;

    @Option(names = "--cors-origins", scope = ScopeType.INHERIT, paramLabel = "ORIGINS", split = ",",
            defaultValue = "${env:KB_CORS_ORIGINS}",
            description = "Origins browsers may call the API from, comma-separated, or * for any (env "
                    + "KB_CORS_ORIGINS; default: none).")
    List<String> corsOrigins;

    @Option(names = "--public-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:KB_PUBLIC_URL}", converter = PublicUrlConverter.class,
            description = "Where clients reach this kb, e.g. https://kb.example.org: citation URLs start with it "
                    + "(env KB_PUBLIC_URL; default: URLs relative to the server root, never the request's Host).")
    PublicUrl publicUrl;

    // Limits on what is read of one course file: a course is input kb does not control.
    @Option(names = "--max-file-bytes", scope = ScopeType.INHERIT, paramLabel = "BYTES",
            defaultValue = "${env:KB_MAX_FILE_BYTES:-" + IngestLimits.DEFAULT_FILE_BYTES + "}",
            description = "Bytes of a markdown file that are indexed; the rest is cut and reported "
                    + "(env KB_MAX_FILE_BYTES, default ${DEFAULT-VALUE}).")
    int maxFileBytes;

    @Option(names = "--max-links-per-document", scope = ScopeType.INHERIT, paramLabel = "N",
            defaultValue = "${env:KB_MAX_LINKS_PER_DOCUMENT:-" + IngestLimits.DEFAULT_LINKS + "}",
            description = "Links of one document that are kept; more are cut and reported "
                    + "(env KB_MAX_LINKS_PER_DOCUMENT, default ${DEFAULT-VALUE}).")
    int maxLinksPerDocument;

    @Option(names = "--max-nesting-depth", scope = ScopeType.INHERIT, paramLabel = "N",
            defaultValue = "${env:KB_MAX_NESTING_DEPTH:-" + IngestLimits.DEFAULT_NESTING + "}",
            description = "Block quotes and list levels nested deeper are flattened and reported "
                    + "(env KB_MAX_NESTING_DEPTH, default ${DEFAULT-VALUE}).")
    int maxNestingDepth;

    @Option(names = "--max-paragraph-chars", scope = ScopeType.INHERIT, paramLabel = "N",
            defaultValue = "${env:KB_MAX_PARAGRAPH_CHARS:-" + IngestLimits.DEFAULT_PARAGRAPH_CHARS + "}",
            description = "Longer paragraphs are split and reported (env KB_MAX_PARAGRAPH_CHARS, default "
                    + "${DEFAULT-VALUE}).")
    int maxParagraphChars;

    CheckSettings checkSettings() {
        return CheckSettings.defaults().withMaxAge(linkMaxAge).withAllowPrivate(allowPrivateLinks);
    }

    Config config() {
        List<String> origins = corsOrigins == null ? List.of()
                : corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        return new Config(port, dataDir, new Config.DatabaseSettings(databaseUrl, databaseUser, databasePassword),
                new Config.HttpSettings(adminToken, origins, publicUrl), Config.Limits.DEFAULT, ingestLimits());
    }

    private IngestLimits ingestLimits() {
        try {
            return new IngestLimits(maxFileBytes, maxLinksPerDocument, maxNestingDepth, maxParagraphChars);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
