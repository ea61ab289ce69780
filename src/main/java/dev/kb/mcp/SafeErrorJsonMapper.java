package dev.kb.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SDK's JSON mapper, except for two things. The transport writes a whole {@link McpError} exception, stack
 * trace included, into 4xx response bodies: here it becomes a plain JSON-RPC error
 * ({@code {"jsonrpc":"2.0","error":{"code":…,"message":…}}}), so no internals reach a client. And the SDK answers
 * a call of a tool it does not have with the fixed message {@value #SDK_UNKNOWN_TOOL} (the name sent is only in
 * {@code data}, which clients rarely show): the message names the tool that was called instead.
 */
final class SafeErrorJsonMapper implements McpJsonMapper {
    static final String SDK_UNKNOWN_TOOL = "Unknown tool: invalid_tool_name";
    private static final String SDK_TOOL_NOT_FOUND = "Tool not found: ";
    private static final int MAX_NAME_CHARS = 100;

    private final McpJsonMapper delegate;

    SafeErrorJsonMapper(McpJsonMapper delegate) {
        this.delegate = delegate;
    }

    private Object safe(Object value) {
        if (value instanceof McpError e) {
            // Not McpSchema.JSONRPCResponse: its constructor rejects the null id such errors have.
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("jsonrpc", McpSchema.JSONRPC_VERSION);
            body.put("error", e.getJsonRpcError());
            return body;
        }
        if (value instanceof McpSchema.JSONRPCResponse response && response.error() != null
                && SDK_UNKNOWN_TOOL.equals(response.error().message())
                && response.error().data() instanceof String data && data.startsWith(SDK_TOOL_NOT_FOUND)) {
            String name = data.substring(SDK_TOOL_NOT_FOUND.length());
            name = name.length() <= MAX_NAME_CHARS ? name : name.substring(0, MAX_NAME_CHARS) + "…";
            return McpSchema.JSONRPCResponse.error(response.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                    response.error().code(), "Unknown tool: " + name, data));
        }
        return value;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return delegate.writeValueAsString(safe(value));
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return delegate.writeValueAsBytes(safe(value));
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        return delegate.convertValue(fromValue, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        return delegate.convertValue(fromValue, type);
    }
}
