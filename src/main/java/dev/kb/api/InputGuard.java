package dev.kb.api;

import dev.kb.common.InvalidInput;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses text no route can mean and PostgreSQL cannot store: a NUL character, in a query parameter or the path.
 * Checked once for every request, before any route reads its parameters.
 */
final class InputGuard {
    private InputGuard() {
    }

    static void before(Context ctx) {
        String uri = ctx.req().getRequestURI();
        if (uri != null && (uri.toLowerCase(Locale.ROOT).contains("%00") || uri.indexOf('\0') >= 0)) {
            throw new InvalidInput("path", "the path contains a NUL character");
        }
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            InvalidInput.noNul(param.getKey(), param.getKey());
            param.getValue().forEach(value -> InvalidInput.noNul(param.getKey(), value));
        }
    }
}
