package dev.kb.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * The interface language of a page: {@code ?lang=de|en} (the switch, remembered in a cookie), else the cookie,
 * else the first of German and English the browser's {@code Accept-Language} prefers, else English.
 */
final class Lang {
    static final String COOKIE = "kb-lang";

    private Lang() {
    }

    static String of(Context ctx) {
        String asked = supported(ctx.queryParam("lang"));
        if (asked != null) {
            ctx.res().addHeader("Set-Cookie", COOKIE + "=" + asked + "; Path=/; Max-Age=31536000; SameSite=Lax");
            return asked;
        }
        String remembered = supported(ctx.cookie(COOKIE));
        return remembered != null ? remembered : fromAcceptLanguage(ctx.header("Accept-Language"));
    }

    static String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return "en";
        }
        String best = "en";
        double bestQ = -1;
        for (String part : header.split(",")) {
            String[] pieces = part.strip().split(";");
            String tag = pieces[0].strip().toLowerCase(Locale.ROOT);
            String lang = supported(tag.length() >= 2 ? tag.substring(0, 2) : tag);
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            // Equal weights keep the order the browser wrote.
            if (lang != null && q > bestQ) {
                best = lang;
                bestQ = q;
            }
        }
        return best;
    }

    private static String supported(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("de") || v.equals("en") ? v : null;
    }
}
