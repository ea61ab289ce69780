package dev.kb.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.spec.HttpHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * In front of the MCP transport. A JSON-RPC {@code initialize} (the one message that makes the SDK create a
 * session, whatever headers come with it) is admitted against the {@link SessionTable}'s caps or refused before
 * the SDK creates anything; every other request tells the table that its session is in use, which streams it
 * holds open, and when it has ended. Bodies are read here, so they are bounded here: {@value #MAX_BODY_BYTES}
 * bytes, as everywhere in kb's API.
 * <p>
 * A refusal is what an MCP client reads best: the status says whose cap it is (429 this address's, 503 the
 * server's), {@code Retry-After} when an idle session will have ended, and the body is a JSON-RPC error as the
 * transport's own refusals are, its message saying what to do. A client's address is the connection's, never an
 * {@code X-Forwarded-For} header anyone can write; behind a proxy every client shares the proxy's.
 */
final class SessionLimitFilter implements Filter {
    /** JSON-RPC's range for errors a server defines. */
    static final int LIMIT_CODE = -32000;
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SessionTable table;
    private final Duration idle;

    SessionLimitFilter(SessionTable table, Duration idle) {
        this.table = table;
        this.idle = idle;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String address = clientKey(request.getRemoteAddr());
        byte[] body = null;
        if ("POST".equals(request.getMethod())) {
            body = McpRequest.readBody(request, MAX_BODY_BYTES);
            if (body == null) {
                error(response, 413, null, null, "the request body is larger than the limit of " + MAX_BODY_BYTES
                        + " bytes", "max-body-bytes", MAX_BODY_BYTES);
                return;
            }
            JsonNode message = parse(body);
            if ("initialize".equals(message.path("method").asText())) {
                initialize(new McpRequest(request, body, null), response, chain, address, message.get("id"));
                return;
            }
        }
        String session = request.getHeader(HttpHeaders.MCP_SESSION_ID);
        if (session == null || session.isBlank()) {
            chain.doFilter(new McpRequest(request, body, null), response);
            return;
        }
        table.touch(session);
        chain.doFilter(new McpRequest(request, body, new McpRequest.StreamListener() {
            @Override
            public void opened() {
                table.streamOpened(session, address);
            }

            @Override
            public void closed() {
                table.streamClosed(session);
            }
        }), response);
        int status = response.getStatus();
        if (status == 404 || "DELETE".equals(request.getMethod()) && status < 300) {
            table.ended(session);
        } else if (status < 300) {
            table.inUse(session, address);
        }
    }

    private void initialize(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                            String address, JsonNode id) throws IOException, ServletException {
        Optional<SessionTable.Refusal> refusal = table.admit(address);
        if (refusal.isPresent()) {
            refuse(response, refusal.get(), id);
            return;
        }
        String created = null;
        try {
            chain.doFilter(request, response);
            created = response.getStatus() == 200 ? response.getHeader(HttpHeaders.MCP_SESSION_ID) : null;
        } finally {
            table.settle(address, created);
        }
    }

    private void refuse(HttpServletResponse response, SessionTable.Refusal refusal, JsonNode id)
            throws IOException {
        boolean mine = refusal.cap() == SessionTable.Cap.PER_ADDRESS;
        long seconds = refusal.retryAfter().toSeconds();
        String message = mine
                ? "too many MCP sessions from this address (the limit is " + refusal.max() + "): end the sessions you "
                        + "no longer use (DELETE /mcp with their Mcp-Session-Id), or try again in " + seconds + " s, "
                        + "when one has been idle for " + (idle.toSeconds() % 60 == 0 ? idle.toMinutes() + " min"
                        : idle.toSeconds() + " s")
                : "kb keeps no more MCP sessions now (the limit is " + refusal.max() + "); try again in " + seconds
                        + " s, when an idle one has ended";
        error(response, mine ? 429 : 503, seconds, id, message, mine ? "mcp-sessions-per-address" : "mcp-sessions",
                refusal.max());
    }

    /** A JSON-RPC error (naming the limit and its value, as kb's problems do) with an HTTP status. */
    private static void error(HttpServletResponse response, int status, Long retryAfterSeconds, JsonNode id,
                              String message, String limit, int max) throws IOException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("limit", limit);
        data.put("max", max);
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", LIMIT_CODE);
        error.put("message", message);
        error.put("data", data);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        response.setStatus(status);
        if (retryAfterSeconds != null) {
            response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.setContentType("application/json;charset=utf-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    /** The message, or an empty node when the body is no JSON (the transport then answers it). */
    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /**
     * Whose sessions count together: an IPv4 address, or an IPv6 address's /64, which one host usually holds
     * whole (and could otherwise spread its sessions over 2^64 addresses).
     */
    static String clientKey(String remoteAddr) {
        if (remoteAddr == null || remoteAddr.indexOf(':') < 0 && !remoteAddr.matches("[0-9.]+")) {
            return String.valueOf(remoteAddr);
        }
        try {
            // An address literal (checked above): no name is looked up.
            byte[] bytes = InetAddress.getByName(remoteAddr).getAddress();
            return bytes.length == 4 ? InetAddress.getByAddress(bytes).getHostAddress()
                    : HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException | RuntimeException e) {
            return String.valueOf(remoteAddr);
        }
    }
}
