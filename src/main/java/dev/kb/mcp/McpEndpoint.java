package dev.kb.mcp;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * kb as a Model Context Protocol server, over the Streamable HTTP transport at {@value #PATH}: the tools of
 * {@link McpTools} and the topics as resources. The transport is a servlet next to Javalin's (requests to
 * {@value #PATH} do not pass Javalin's handlers); it must be built before the server starts. Sessions are bounded
 * by {@link SessionLimitFilter} in front of it.
 */
public final class McpEndpoint {
    public static final String PATH = "/mcp";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final TopicResources resources;
    private final SessionLimitFilter sessions;

    /**
     * @param limits                how many sessions are kept, and for how long
     * @param connectionIdleTimeout after which the server closes a silent connection
     */
    public McpEndpoint(Kb.Services services, String version, Config.McpLimits limits, Duration connectionIdleTimeout) {
        McpJsonMapper json = new SafeErrorJsonMapper(McpJsonDefaults.getMapper());
        Duration idle = limits.sessionIdleTimeout();
        this.sessions = new SessionLimitFilter(new SessionTable(limits, System::nanoTime), idle);
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(PATH)
                // A client's open stream is pinged well within both idle timeouts, so neither the server nor the
                // sweeper takes a live client for gone, and a gone one is found within the session's idle time.
                .keepAliveInterval(min(idle, connectionIdleTimeout).dividedBy(2))
                // The SDK ends a session without requests or streams for a whole sweep interval: after between
                // half and all of the idle time, so it is gone by the time SessionTable stops counting it.
                .sessionSweepInterval(idle.dividedBy(2))
                .build();
        this.resources = new TopicResources(services);
        this.server = McpServer.sync(transport)
                .serverInfo("kb", version)
                .instructions("kb answers questions about technical training courses: search a course, find "
                        + "passages with citations, read topics, prerequisites and learning paths, and coverage.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, true).build())
                .tools(new McpTools(services).all(json))
                .resourceTemplates(resources.template())
                .jsonMapper(json)
                .uriTemplateManagerFactory(new TopicUris())
                .requestTimeout(Duration.ofSeconds(60))
                .build();
        resources.refresh(server);
    }

    /** Serves the transport at {@value #PATH} of the Javalin server being configured. */
    public void mount(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> {
            handler.addFilter(new FilterHolder(sessions), PATH, EnumSet.of(DispatcherType.REQUEST));
            ServletHolder holder = new ServletHolder("mcp", transport);
            holder.setAsyncSupported(true); // the transport streams answers asynchronously
            handler.addServlet(holder, PATH);
        });
        config.events.serverStopping(server::closeGracefully);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** After an index run: the topic resources follow the index. */
    public void refreshResources() {
        resources.refresh(server);
    }
}
