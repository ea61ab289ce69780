package dev.kb.api;

import dev.kb.common.InvalidInput;
import io.javalin.http.Context;

/** Reading request parameters; a value kb cannot use becomes a 400 problem that names the parameter. */
final class Params {
    private Params() {
    }

    static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new InvalidInput(name, "the query parameter '" + name + "' is required");
        }
        return value;
    }

    static String optional(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** An integer at least {@code min}; values above {@code max} are capped at {@code max}. */
    static int integer(Context ctx, String name, int defaultValue, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, "'" + name + "' must be a whole number");
        }
        if (value < min) {
            throw new InvalidInput(name, "'" + name + "' must be at least " + min);
        }
        return (int) Math.min(value, max);
    }
}
