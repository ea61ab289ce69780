package dev.kb.api;

import dev.kb.model.TopicIds;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the admin routes with a bearer token. Without a configured token they are off — refused to everyone,
 * never open. Tokens are compared by their SHA-256 digests in constant time, so neither the comparison's
 * duration nor the token's length tells anything.
 */
final class AdminAuth {
    /** Thrown for a request the admin routes refuse; mapped to 401 or 403 problem details. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final byte[] expected;

    AdminAuth(String token) {
        this.expected = token == null || token.isBlank() ? null : digest(token);
    }

    void require(Context ctx) {
        if (expected == null) {
            throw new Refused(403, "administration is off on this server: start it with KB_ADMIN_TOKEN to enable it");
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"kb admin\"");
            throw new Refused(401, "this route needs the admin token: Authorization: Bearer <token>");
        }
        if (!MessageDigest.isEqual(expected, digest(header.substring(7).strip()))) {
            throw new Refused(403, "the admin token is not right");
        }
    }

    private static byte[] digest(String token) {
        return TopicIds.sha256(token.getBytes(StandardCharsets.UTF_8));
    }
}
