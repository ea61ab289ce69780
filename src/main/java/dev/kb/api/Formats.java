package dev.kb.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Content negotiation: a response offered in several formats (JSON always first) is chosen by {@code format=},
 * else by the Accept header (its types in order of their q-values), else JSON.
 */
final class Formats {
    static final String JSON = "json";
    static final String MARKDOWN = "text/markdown";
    static final String HTML = "text/html";

    private Formats() {
    }

    /** Offered formats: the name used in {@code format=} and its media type, JSON included. */
    static Map<String, String> offer(String... namesAndTypes) {
        Map<String, String> offered = new LinkedHashMap<>();
        offered.put(JSON, "application/json");
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            offered.put(namesAndTypes[i], namesAndTypes[i + 1]);
        }
        return offered;
    }

    static String choose(Context ctx, Map<String, String> offered) {
        String format = Params.oneOf(ctx, "format", offered.keySet());
        if (format != null) {
            return format;
        }
        String accept = ctx.header("Accept");
        if (accept == null) {
            return JSON;
        }
        for (String type : accepted(accept)) {
            for (Map.Entry<String, String> e : offered.entrySet()) {
                if (e.getValue().equals(type) || type.equals("*/*") && e.getKey().equals(JSON)) {
                    return e.getKey();
                }
            }
        }
        return JSON;
    }

    /** The media types of an Accept header, best first (by q-value, then as written); q=0 means "not this". */
    private static List<String> accepted(String header) {
        record Ranked(String type, double q, int position) {
        }
        List<Ranked> ranked = new ArrayList<>();
        String[] parts = header.split(",");
        for (int i = 0; i < parts.length; i++) {
            String[] params = parts[i].split(";");
            double q = 1.0;
            for (int j = 1; j < params.length; j++) {
                String p = params[j].strip().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (q > 0) {
                ranked.add(new Ranked(params[0].strip().toLowerCase(Locale.ROOT), q, i));
            }
        }
        ranked.sort(Comparator.comparingDouble((Ranked r) -> -r.q()).thenComparingInt(Ranked::position));
        return ranked.stream().map(Ranked::type).toList();
    }
}
