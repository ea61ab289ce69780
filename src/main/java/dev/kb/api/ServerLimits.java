package dev.kb.api;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The bounds Jetty and Javalin enforce before a route runs: body size, request line and header size, and how
 * long a connection may stay silent. Their refusals are problems too (see {@link Problems}, {@link JettyProblems}).
 */
final class ServerLimits {
    /** The largest request body read: a question for passages is a few KB; anything near this is not one. */
    static final long MAX_BODY_BYTES = 1 << 20;
    /**
     * Jetty's buffer for the request line and, separately, for the header block (its own default, made explicit
     * so refusals can name it): a longer URI is a 414, larger headers a 431.
     */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    private ServerLimits() {
    }

    /**
     * @param idleTimeout a connection that sends nothing for this long is closed, also in the middle of a request:
     *                    a client that stalls (slowloris) holds a socket no longer than this
     */
    static void install(JavalinConfig config, Duration idleTimeout) {
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_HEADER_BYTES));
        // Javalin's own connector, with the idle timeout set: a connector added here replaces it. Host and port are
        // read when the server starts, after start(host, port) has set them.
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(config.jetty.host);
            connector.setPort(config.jetty.port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            return connector;
        });
    }
}
