package dev.kb.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for browser clients, off unless origins are configured. An allowed origin (or any, with
 * {@code *}) gets the CORS headers, and its preflight requests are answered here; other origins get none, so the
 * browser refuses the response. Credentials are never allowed: kb's admin token travels in a header.
 */
final class Cors {
    private static final String EXPOSED = "ETag, Link, Location, X-Request-Id";
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-None-Match, X-Request-Id";
    private static final String METHODS = "GET, POST, OPTIONS";

    private final Set<String> origins;
    private final boolean any;

    Cors(List<String> origins) {
        this.any = origins.contains("*");
        this.origins = Set.copyOf(origins);
    }

    boolean enabled() {
        return any || !origins.isEmpty();
    }

    void before(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !(any || origins.contains(origin))) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", any ? "*" : origin);
        if (!any) {
            ctx.header("Vary", "Origin");
        }
        ctx.header("Access-Control-Expose-Headers", EXPOSED);
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", "600");
            ctx.status(204);
            ctx.skipRemainingHandlers();
        }
    }
}
