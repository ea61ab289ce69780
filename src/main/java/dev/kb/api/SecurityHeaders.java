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
    /** A course's SVG opened on its own: no script, and an opaque origin in case a browser ever let one run. */
    static final String SVG_POLICY = API_POLICY + "; sandbox";

    private SecurityHeaders() {
    }

    /** The API headers on every response of the servlet context, {@code /mcp} too (which no Javalin handler sees). */
    static final class ForEveryResponse implements jakarta.servlet.Filter {
        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                             jakarta.servlet.FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
            if (response instanceof jakarta.servlet.http.HttpServletResponse http) {
                http.setHeader("X-Content-Type-Options", "nosniff");
                http.setHeader("Referrer-Policy", "no-referrer");
                http.setHeader("Content-Security-Policy", API_POLICY);
            }
            chain.doFilter(request, response);
        }
    }

    /** For the errors Jetty answers before any filter runs. */
    static void on(org.eclipse.jetty.http.HttpFields.Mutable fields) {
        fields.put("X-Content-Type-Options", "nosniff");
        fields.put("Referrer-Policy", "no-referrer");
        fields.put("Content-Security-Policy", API_POLICY);
    }

    static void after(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        String type = ctx.res().getContentType();
        boolean html = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
        boolean svg = type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("image/svg+xml");
        // A web page sets its own policy (it runs kb's scripts); everything else gets the one for its type.
        String own = ctx.res().getHeader("Content-Security-Policy");
        if (html && own != null && !own.equals(API_POLICY)) {
            return;
        }
        ctx.header("Content-Security-Policy", html ? HTML_POLICY : svg ? SVG_POLICY : API_POLICY);
    }
}
