package dev.kb.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SDK's JSON mapper, except for one thing: the transport writes a whole {@link McpError} exception, stack
 * trace included, into 4xx response bodies. Here it becomes a plain JSON-RPC error
 * ({@code {"jsonrpc":"2.0","error":{"code":…,"message":…}}}), so no internals reach a client.
 */
final class SafeErrorJsonMapper implements McpJsonMapper {

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
