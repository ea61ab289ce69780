package dev.kb.api;

import io.javalin.http.Context;

/**
 * Headers every response carries, whatever answered it (errors included): no content sniffing, no referrer
 * leaking a participant's search to the sites a topic links, and a Content-Security-Policy. HTML (a topic or
 * section as a page) may show images and its own styles but never run a script, even if sanitising missed
 * one; everything else may load nothing at all.
 */
final class SecurityHeaders {
    static final String HTML_POLICY = "default-src 'none'; img-src 'self' https: data:; style-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void after(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        String type = ctx.res().getContentType();
        boolean html = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
        ctx.header("Content-Security-Policy", html ? HTML_POLICY : API_POLICY);
    }
}
