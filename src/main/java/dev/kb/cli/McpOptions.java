package dev.kb.cli;

import dev.kb.config.Config;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How many MCP sessions a server keeps, and for how long: the options of {@code serve} (see {@link Config.McpLimits}). */
final class McpOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--mcp-max-sessions", paramLabel = "N", defaultValue = "${env:KB_MCP_MAX_SESSIONS:-1000}",
            description = "MCP sessions kept at once; one more is refused with 503 (env KB_MCP_MAX_SESSIONS, "
                    + "default ${DEFAULT-VALUE}).")
    int maxSessions;

    @Option(names = "--mcp-max-sessions-per-address", paramLabel = "N",
            defaultValue = "${env:KB_MCP_MAX_SESSIONS_PER_ADDRESS:-100}",
            description = "MCP sessions of one client address (IPv6: its /64); one more is refused with 429. Behind "
                    + "a proxy all clients share its address (env KB_MCP_MAX_SESSIONS_PER_ADDRESS, default "
                    + "${DEFAULT-VALUE}).")
    int maxSessionsPerAddress;

    @Option(names = "--mcp-session-idle", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:KB_MCP_SESSION_IDLE:-10m}",
            description = "An MCP session without requests or an open stream for this long ends, e.g. 10m "
                    + "(env KB_MCP_SESSION_IDLE, default ${DEFAULT-VALUE}).")
    Duration sessionIdle;

    Config.McpLimits limits() {
        try {
            return new Config.McpLimits(maxSessions, maxSessionsPerAddress, sessionIdle);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
