package dev.kb.api;

import dev.kb.common.InvalidInput;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

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

    /** true, false, or absent (null). */
    static Boolean bool(Context ctx, String name) {
        String value = optional(ctx, name);
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidInput(name, "'" + name + "' must be true or false");
        };
    }

    /** One of the allowed values, or absent (null). */
    static String oneOf(Context ctx, String name, Set<String> allowed) {
        String value = optional(ctx, name);
        if (value != null && !allowed.contains(value)) {
            throw new InvalidInput(name, "'" + name + "' must be one of " + new TreeSet<>(allowed));
        }
        return value;
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
