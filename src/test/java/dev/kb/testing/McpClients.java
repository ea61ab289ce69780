package dev.kb.testing;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;

/** The MCP SDK's own client, connected to a running kb: how an assistant or IDE agent talks to it. */
public final class McpClients {
    private McpClients() {
    }

    public static McpSyncClient connect(int port) {
        McpSyncClient client = client(port);
        client.initialize();
        return client;
    }

    /** A client that has not initialized its session yet. */
    public static McpSyncClient client(int port) {
        return McpClient.sync(HttpClientStreamableHttpTransport.builder("http://localhost:" + port)
                        .endpoint("/mcp").connectTimeout(Duration.ofSeconds(5)).build())
                .clientInfo(new McpSchema.Implementation("kb-test-client", "1.0"))
                .requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(20))
                .build();
    }

    public static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    /** The text of a tool result (its first content). */
    public static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }
}
