package dev.kb.common;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where clients reach this kb, for the absolute URLs it gives (passage and MCP citations). The operator says it
 * ({@code --public-url}); it is never taken from a request's {@code Host} header, which any client can set to
 * anything and so make kb hand out links to another site. Without one, kb gives URLs relative to the server root.
 *
 * @param base scheme, authority and path prefix without a trailing slash; empty for root-relative URLs
 */
public record PublicUrl(String base) {
    /** No public URL: addresses relative to the server root. */
    public static final PublicUrl NONE = new PublicUrl("");

    /**
     * An absolute http or https URL, such as {@code https://kb.example.org} or {@code https://example.org/kb}
     * behind a proxy that serves kb under a path. No query, fragment or credentials: every address kb gives
     * starts with it.
     *
     * @throws IllegalArgumentException saying what is wrong, in words for the command line
     */
    public static PublicUrl parse(String text) {
        String hint = "an absolute http or https URL such as https://kb.example.org is needed, not '" + text + "'";
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException(hint);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + text + "' has a query or fragment; the public URL is the "
                    + "address the API paths are appended to");
        }
        if (uri.getRawUserInfo() != null) {
            // The URL is not repeated: it holds a secret.
            throw new IllegalArgumentException("the public URL may not carry credentials (user:password@): every "
                    + "citation would repeat them");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("/+$", "");
        return new PublicUrl(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** The address of {@code path} (root-relative, starting with '/') for clients. */
    public String of(String path) {
        return base + path;
    }

    public boolean isSet() {
        return !base.isEmpty();
    }
}
