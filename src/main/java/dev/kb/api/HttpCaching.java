package dev.kb.api;

import dev.kb.model.TopicIds;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HexFormat;

/**
 * Caching headers for what kb answers. Reads of the knowledge base change whenever a course is re-indexed, so
 * they may be stored but must be revalidated ({@code no-cache}), and carry an {@code ETag} from their content;
 * a request whose {@code If-None-Match} names it is answered {@code 304 Not Modified} without a body. Health,
 * metrics, jobs and everything that is not a successful read are never stored.
 */
final class HttpCaching {
    private HttpCaching() {
    }

    static void after(Context ctx) {
        // A route that chose its own caching (the pages' immutable assets) keeps it.
        if (ctx.header("Cache-Control") != null || ctx.res().getHeader("Cache-Control") != null) {
            return;
        }
        String path = ctx.path();
        boolean read = ctx.method() == HandlerType.GET && ctx.statusCode() == 200 && path.startsWith("/api/v1/")
                && !path.startsWith("/api/v1/jobs");
        if (!read && !path.equals("/openapi.yaml")) {
            ctx.header("Cache-Control", "no-store");
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        InputStream result = ctx.resultInputStream();
        if (ctx.statusCode() != 200 || !(result instanceof ByteArrayInputStream bytes)) {
            return;
        }
        byte[] body = bytes.readAllBytes();
        bytes.reset();
        String etag = "\"" + HexFormat.of().formatHex(TopicIds.sha256(body), 0, 12) + "\"";
        ctx.header("ETag", etag);
        if (matches(ctx.header("If-None-Match"), etag)) {
            ctx.status(304);
            ctx.result(new byte[0]);
        }
    }

    /** Whether the client asks for an answer computed now ({@code Cache-Control: no-cache} or {@code no-store}). */
    static boolean wantsFresh(Context ctx) {
        String control = ctx.header("Cache-Control");
        if (control == null) {
            return false;
        }
        String lower = control.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("no-cache") || lower.contains("no-store");
    }

    /** Whether an If-None-Match header names this ETag (a list, weak forms, or {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
