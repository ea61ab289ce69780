package dev.kb.mcp;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request to the MCP transport as {@link SessionLimitFilter} passes it on: its body already read (the filter had
 * to see whether it starts a session), and each stream the transport opens for it reported when it opens and
 * when it ends.
 */
final class McpRequest extends HttpServletRequestWrapper {
    /** Told when the transport opens a stream (an SSE answer, or the client's listening stream) and when it ends. */
    interface StreamListener {
        void opened();

        void closed();
    }

    private final byte[] body;
    private final StreamListener streams;

    /**
     * @param body    the body as read, or null when it was not read
     * @param streams told about the streams of this request, or null
     */
    McpRequest(HttpServletRequest request, byte[] body, StreamListener streams) {
        super(request);
        this.body = body;
        this.streams = streams;
    }

    /** At most {@code max} bytes of the body; null when it is longer. */
    static byte[] readBody(HttpServletRequest request, int max) throws IOException {
        InputStream in = request.getInputStream();
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            return super.getInputStream();
        }
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("the body has been read already");
            }
        };
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (body == null) {
            return super.getReader();
        }
        Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8
                : Charset.forName(getCharacterEncoding());
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public AsyncContext startAsync() {
        AsyncContext async = super.startAsync();
        if (streams != null) {
            streams.opened();
            // Only completion ends a stream: after a timeout or an error the transport (or the container) completes.
            async.addListener(new AsyncListener() {
                @Override
                public void onComplete(AsyncEvent event) {
                    streams.closed();
                }

                @Override
                public void onTimeout(AsyncEvent event) {
                }

                @Override
                public void onError(AsyncEvent event) {
                }

                @Override
                public void onStartAsync(AsyncEvent event) {
                }
            });
        }
        return async;
    }
}
