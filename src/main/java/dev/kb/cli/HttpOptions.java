package dev.kb.cli;

import dev.kb.common.PublicUrl;
import dev.kb.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What a served API listens on and allows beyond reading: the options of {@code serve}. */
final class HttpOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:KB_PORT:-7070}", converter = Ports.Converter.class,
            description = "HTTP port; 0 picks a free one (env KB_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--admin-token", paramLabel = "TOKEN", defaultValue = "${env:KB_ADMIN_TOKEN}",
            description = "Bearer token of the admin routes (re-index, jobs, registering courses); without one they "
                    + "are off (env KB_ADMIN_TOKEN; prefer the environment: flags show in process lists).")
    String adminToken;

    @Option(names = "--cors-origins", paramLabel = "ORIGINS", split = ",", defaultValue = "${env:KB_CORS_ORIGINS}",
            description = "Origins browsers may call the API from, comma-separated, or * for any (env "
                    + "KB_CORS_ORIGINS; default: none).")
    List<String> corsOrigins;

    @Option(names = "--course-roots", paramLabel = "DIRS", split = ",", defaultValue = "${env:KB_COURSE_ROOTS}",
            description = "Directories the admin routes may register courses from (each with everything below it), "
                    + "comma-separated (env KB_COURSE_ROOTS; default: only the course being served).")
    List<Path> courseRoots;

    @Option(names = "--public-url", paramLabel = "URL", defaultValue = "${env:KB_PUBLIC_URL}",
            converter = PublicUrlConverter.class,
            description = "Where clients reach this kb, e.g. https://kb.example.org: citation URLs start with it "
                    + "(env KB_PUBLIC_URL; default: URLs relative to the server root, never the request's Host).")
    PublicUrl publicUrl;

    /** The settings, with {@code servedCourse} as the only course root unless others are given. */
    Config.HttpSettings settings(Path servedCourse) {
        List<String> origins = corsOrigins == null ? List.of()
                : corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        return new Config.HttpSettings(adminToken, origins, roots(servedCourse), publicUrl);
    }

    private List<Path> roots(Path servedCourse) {
        List<Path> given = courseRoots == null ? List.of()
                : courseRoots.stream().filter(p -> !p.toString().isBlank()).toList();
        if (given.isEmpty()) {
            return List.of(servedCourse);
        }
        for (Path root : given) {
            if (!Files.isDirectory(root)) {
                throw new CommandLine.ParameterException(command.commandLine(),
                        "--course-roots: no directory at " + root);
            }
        }
        return given.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }
}
