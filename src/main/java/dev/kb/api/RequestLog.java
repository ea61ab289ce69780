package dev.kb.api;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.javalin.router.Endpoint;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Every request gets an id — the caller's {@code X-Request-Id} when it is a sensible one, else a new one — echoed
 * in the response and carried by every log line written while it is answered; one log line per request; and a
 * timer per route, method and status for {@code /metrics}.
 */
final class RequestLog {
    static final String HEADER = "X-Request-Id";
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final Pattern SENSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final String STARTED = "kb.started";

    private final MeterRegistry registry;

    RequestLog(MeterRegistry registry) {
        this.registry = registry;
    }

    void before(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        String given = ctx.header(HEADER);
        String id = given != null && SENSIBLE_ID.matcher(given).matches() ? given
                : HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ctx.header(HEADER, id);
        MDC.put("requestId", id);
    }

    void after(Context ctx) {
        Long started = ctx.attribute(STARTED);
        long nanos = started == null ? 0 : System.nanoTime() - started;
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        Timer.builder("http.server.requests").description("HTTP requests answered, by route, method and status")
                .tag("route", route).tag("method", ctx.method().name()).tag("status", Integer.toString(ctx.statusCode()))
                .register(registry).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        LOG.info("{} {} {} {} ms", ctx.method().name(), ctx.path(), ctx.statusCode(),
                String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6));
        MDC.remove("requestId");
    }
}
