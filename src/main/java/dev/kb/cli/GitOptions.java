package dev.kb.cli;

import dev.kb.catalog.CatalogFile;
import dev.kb.catalog.CourseSource;
import dev.kb.catalog.GitSettings;
import dev.kb.catalog.GitUrls;
import dev.kb.catalog.SshKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the courses of {@code serve} come from: a catalog file, directories and git URLs, and how git is reached. */
final class GitOptions {
    @Option(names = "--catalog", paramLabel = "FILE", defaultValue = "${env:KB_CATALOG}",
            description = "A catalog file (YAML) of the courses to follow from git repositories or directories "
                    + "(env KB_CATALOG).")
    Path catalog;

    @Option(names = "--poll", paramLabel = "INTERVAL", defaultValue = "${env:KB_POLL:-5m}",
            converter = DurationConverter.class,
            description = "Ask each git course's remote for a new commit this often unless its catalog entry says "
                    + "otherwise; 0 never (env KB_POLL, default ${DEFAULT-VALUE}).")
    Duration poll;

    @Option(names = "--git-max-bytes", paramLabel = "BYTES", defaultValue = "${env:KB_GIT_MAX_BYTES:-536870912}",
            description = "A commit whose files hold more bytes is not indexed; the course keeps its last indexed "
                    + "commit (env KB_GIT_MAX_BYTES, default ${DEFAULT-VALUE}).")
    long maxBytes;

    @Option(names = "--git-max-files", paramLabel = "N", defaultValue = "${env:KB_GIT_MAX_FILES:-50000}",
            description = "A commit with more files is not indexed (env KB_GIT_MAX_FILES, default ${DEFAULT-VALUE}).")
    int maxFiles;

    /**
     * The courses to serve, in order: the catalog's, then the command line's; empty when none is named. Every
     * problem is a usage error (exit 2) in one line naming the entry.
     */
    List<CourseSource> courses(CommandSpec spec, List<String> sources, String courseId) {
        if (maxBytes < 1 || maxFiles < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--git-max-bytes and --git-max-files must be at least 1");
        }
        for (String variable : List.of("KB_GIT_SSH_KEY", "KB_GIT_KNOWN_HOSTS")) {
            Path file = path(System.getenv(variable));
            if (file != null && !java.nio.file.Files.isReadable(file)) {
                throw new CommandLine.ParameterException(spec.commandLine(), variable + ": no readable file at "
                        + file);
            }
        }
        Path key = path(System.getenv("KB_GIT_SSH_KEY"));
        String keyProblem = key == null ? null : SshKeys.problem(key, System.getenv("KB_GIT_SSH_PASSPHRASE"));
        if (keyProblem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), keyProblem);
        }
        List<CourseSource> courses = new ArrayList<>();
        if (catalog != null) {
            CatalogFile.Catalog read;
            try {
                read = CatalogFile.read(catalog);
            } catch (CatalogFile.Invalid e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            for (CourseSource c : read.courses()) {
                courses.add(c.isGit() && c.poll() == null && read.poll() != null
                        ? CourseSource.git(c.id(), c.url(), c.ref(), c.subdir(), read.poll()) : c);
            }
        }
        List<String> named = sources == null ? List.of() : sources;
        if (courseId != null && named.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--course-id names one course; " + named.size() + " sources were given");
        }
        for (String source : named) {
            if (GitUrls.isGitUrl(source)) {
                try {
                    courses.add(CourseSource.git(courseId != null ? courseId : CourseSource.idFromUrl(source), source,
                            null, null, null));
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
                }
            } else {
                CourseDirectory dir = CourseDirectory.of(spec, Path.of(source), courseId);
                courses.add(CourseSource.directory(dir.id(), dir.path()));
            }
        }
        Set<String> ids = new HashSet<>();
        for (CourseSource c : courses) {
            if (!ids.add(c.id())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "two courses would be served as '"
                        + c.id() + "': give them different ids");
            }
        }
        return courses;
    }

    /** The token and passphrase come from the environment only: a flag would show them in the process list. */
    GitSettings settings() {
        return GitSettings.DEFAULT.withLimits(maxBytes, maxFiles).withPoll(poll)
                .withToken(System.getenv("KB_GIT_USERNAME"), System.getenv("KB_GIT_TOKEN"))
                .withWebhookSecret(System.getenv("KB_WEBHOOK_SECRET"))
                .withSshKey(path(System.getenv("KB_GIT_SSH_KEY")), path(System.getenv("KB_GIT_KNOWN_HOSTS")),
                        System.getenv("KB_GIT_SSH_PASSPHRASE"));
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value).toAbsolutePath();
    }
}
