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
    /**
     * The slowest a request body may arrive, averaged from its first byte (Jetty answers 408 below it): a client
     * trickling a body a byte at a time is dropped, while a 1 MiB body still has 17 minutes.
     */
    static final long MIN_BODY_BYTES_PER_SECOND = 1024;

    private ServerLimits() {
    }

    /**
     * @param idleTimeout a connection that sends nothing for this long is closed, also in the middle of a request:
     *                    a client that stalls (slowloris) holds a socket no longer than this; and a request's line
     *                    and headers must have arrived whole this long after its first byte, so one that trickles
     *                    a byte at a time is closed too
     */
    static void install(JavalinConfig config, Duration idleTimeout) {
        config.http.maxRequestSize = MAX_BODY_BYTES;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(MAX_HEADER_BYTES);
            http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
        });
        // Javalin's own connector, with the idle timeout set: a connector added here replaces it. Host and port are
        // read when the server starts, after start(host, port) has set them.
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(config.jetty.host);
            connector.setPort(config.jetty.port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            connector.addBean(new HeaderDeadline(connector, idleTimeout));
            return connector;
        });
    }
}
