package dev.kb.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.javalin.router.Endpoint;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every request (MCP's too, see {@link #servletFilter}) gets an id — the caller's {@code X-Request-Id} when it is a sensible one, else a new one — echoed
 * in the response and carried by every log line written while it is answered; one log line per request; and a
 * timer per route, method and status for {@code /metrics}. Those labels come from closed sets only (a route
 * template or {@value #UNMATCHED}, a standard method or {@value #OTHER_METHOD}, a status code): a label per
 * value a client sends would grow a series per request, without bound.
 */
final class RequestLog {
    static final String HEADER = "X-Request-Id";
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final Pattern SENSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String STARTED = "kb.started";
    static final String UNMATCHED = "unmatched";
    static final String OTHER_METHOD = "OTHER";
    /** RFC 9110's methods and PATCH; anything else a client sends is counted as {@value #OTHER_METHOD}. */
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    private final MeterRegistry registry;

    RequestLog(MeterRegistry registry) {
        this.registry = registry;
    }

    void before(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        String id = requestId(ctx.header(HEADER));
        ctx.header(HEADER, id);
        MDC.put("requestId", id);
    }

    private static String requestId(String given) {
        return given != null && SENSIBLE_ID.matcher(given).matches() ? given
                : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    void after(Context ctx) {
        Long started = ctx.attribute(STARTED);
        long nanos = started == null ? 0 : System.nanoTime() - started;
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        record(endpoint == null ? UNMATCHED : endpoint.path, ctx.method().name(), ctx.path(), ctx.statusCode(), nanos);
        MDC.remove("requestId");
    }

    private void record(String route, String method, String path, int status, long nanos) {
        Timer.builder("http.server.requests").description("HTTP requests answered, by route, method and status")
                .tag("route", route).tag("method", methodLabel(method)).tag("status", Integer.toString(status))
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        LOG.info("{} {} {} {} ms", method, path, status, String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6));
    }

    static String methodLabel(String method) {
        return METHODS.contains(method) ? method : OTHER_METHOD;
    }

    /**
     * The same id, log line and timer for the MCP endpoint, which is the SDK's servlet and never passes through
     * Javalin's handlers. Its answers may stream on after the filter returns: then the line is written when the
     * asynchronous answer completes.
     */
    jakarta.servlet.Filter servletFilter(String route) {
        return (request, response, chain) -> {
            long started = System.nanoTime();
            var http = (jakarta.servlet.http.HttpServletRequest) request;
            var out = (jakarta.servlet.http.HttpServletResponse) response;
            String id = requestId(http.getHeader(HEADER));
            out.setHeader(HEADER, id);
            MDC.put("requestId", id);
            try {
                chain.doFilter(request, response);
            } finally {
                if (request.isAsyncStarted()) {
                    request.getAsyncContext().addListener(new jakarta.servlet.AsyncListener() {
                        @Override
                        public void onComplete(jakarta.servlet.AsyncEvent event) {
                            MDC.put("requestId", id);
                            record(route, http.getMethod(), http.getRequestURI(), out.getStatus(),
                                    System.nanoTime() - started);
                            MDC.remove("requestId");
                        }

                        @Override
                        public void onTimeout(jakarta.servlet.AsyncEvent event) {
                        }

                        @Override
                        public void onError(jakarta.servlet.AsyncEvent event) {
                        }

                        @Override
                        public void onStartAsync(jakarta.servlet.AsyncEvent event) {
                        }
                    });
                } else {
                    record(route, http.getMethod(), http.getRequestURI(), out.getStatus(), System.nanoTime() - started);
                }
                MDC.remove("requestId");
            }
        };
    }
}
