package dev.kb.mcp;

import dev.kb.app.Kb;
import io.javalin.config.JavalinConfig;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * kb as a Model Context Protocol server, over the Streamable HTTP transport at {@value #PATH}: the tools of
 * {@link McpTools} and the topics as resources. The transport is a servlet next to Javalin's (requests to
 * {@value #PATH} do not pass Javalin's handlers); it must be built before the server starts.
 */
public final class McpEndpoint {
    public static final String PATH = "/mcp";
    /** The transport context key of "scheme://host" of the request, so citations can be absolute URLs. */
    static final String BASE_URL = "baseUrl";

    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final TopicResources resources;

    public McpEndpoint(Kb.Services services, String version) {
        McpJsonMapper json = new SafeErrorJsonMapper(McpJsonDefaults.getMapper());
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(json)
                .mcpEndpoint(PATH)
                .keepAliveInterval(Duration.ofSeconds(30))
                .contextExtractor(request -> McpTransportContext.create(Map.of(BASE_URL,
                        request.getScheme() + "://" + (request.getHeader("Host") != null ? request.getHeader("Host")
                                : request.getServerName() + ":" + request.getServerPort()))))
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
            ServletHolder holder = new ServletHolder("mcp", transport);
            holder.setAsyncSupported(true); // the transport streams answers asynchronously
            handler.addServlet(holder, PATH);
        });
        config.events.serverStopping(server::closeGracefully);
    }

    /** After an index run: the topic resources follow the index. */
    public void refreshResources() {
        resources.refresh(server);
    }
}
