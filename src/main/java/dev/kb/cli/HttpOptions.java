package dev.kb.cli;

import dev.kb.config.Config;
import java.util.List;
import picocli.CommandLine.Option;

/** What a served API listens on and allows beyond reading: the options of {@code serve}. */
final class HttpOptions {
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

    Config.HttpSettings settings() {
        List<String> origins = corsOrigins == null ? List.of()
                : corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        return new Config.HttpSettings(adminToken, origins);
    }
}
