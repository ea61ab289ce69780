package dev.kb.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MCP's Streamable HTTP by hand, one request per connection, from a chosen loopback address (all of 127.0.0.0/8 is
 * this machine): how a test shows what kb does per client address without trusting any header, and how it makes
 * a client that goes away without ending its session.
 */
public final class McpWire {
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"wire\",\"version\":\"1\"}}}";
    public static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";

    private McpWire() {
    }

    /** A response: status, headers (names in lower case) and the body, chunks joined. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String session() {
            return header("Mcp-Session-Id");
        }
    }

    public static Reply initialize(int port, String from, String... extraHeaders) {
        return request(port, from, "POST", null, INITIALIZE, extraHeaders);
    }

    public static Reply post(int port, String from, String session, String json) {
        return request(port, from, "POST", session, json);
    }

    public static Reply delete(int port, String from, String session) {
        return request(port, from, "DELETE", session, null);
    }

    /** Opens the session's listening stream (GET) and returns its connection once the server has answered. */
    public static Socket openStream(int port, String from, String session) {
        try {
            Socket socket = connect(port, from);
            socket.getOutputStream().write(("GET /mcp HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Mcp-Session-Id: " + session + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String head = readHead(socket.getInputStream());
            if (!head.startsWith("HTTP/1.1 200")) {
                socket.close();
                throw new IllegalStateException("the stream was not opened: " + head);
            }
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply request(int port, String from, String method, String session, String json,
                                 String... extraHeaders) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(" /mcp HTTP/1.1\r\nHost: localhost\r\n")
                .append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n")
                .append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n");
        if (session != null) {
            head.append("Mcp-Session-Id: ").append(session).append("\r\n");
        }
        for (String h : extraHeaders) {
            head.append(h).append("\r\n");
        }
        try (Socket socket = connect(port, from)) {
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            InputStream in = socket.getInputStream();
            String[] lines = readHead(in).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] kv = lines[i].split(":", 2);
                headers.put(kv[0].strip().toLowerCase(Locale.ROOT), kv.length > 1 ? kv[1].strip() : "");
            }
            byte[] rest = in.readAllBytes();
            String text = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest)
                    : new String(rest, StandardCharsets.UTF_8);
            return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket connect(int port, String from) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(from), 0);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** The status line and headers, up to the empty line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length) {
            int lineEnd = indexOfCrlf(raw, i);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(new String(raw, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0]
                    .strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(raw, lineEnd + 2, Math.min(size, raw.length - lineEnd - 2));
            i = lineEnd + 2 + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOfCrlf(byte[] raw, int from) {
        for (int i = from; i + 1 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
