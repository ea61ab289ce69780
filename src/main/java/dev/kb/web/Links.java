package dev.kb.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Addresses of the pages, built in one place so templates only print them. */
public final class Links {
    private Links() {
    }

    public static String topic(String topicId, String anchor) {
        return "/topics/" + enc(topicId) + (anchor == null || anchor.isEmpty() ? "" : "#" + enc(anchor));
    }

    public static String course(String course) {
        return "/courses/" + enc(course);
    }

    public static String coverage(String course) {
        return course(course) + "/coverage";
    }

    public static String graph(String course, String module) {
        return course(course) + "/graph" + (module == null ? "" : "?module=" + enc(module));
    }

    /** This request's address with one parameter set (or removed when {@code value} is null) and the page reset. */
    static String with(Context ctx, String name, String value) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!e.getValue().isEmpty() && !e.getKey().equals("offset")) {
                params.put(e.getKey(), e.getValue().get(0));
            }
        }
        if (value == null) {
            params.remove(name);
        } else {
            params.put(name, value);
        }
        return query(ctx.path(), params);
    }

    static String query(String path, Map<String, String> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> q.add(enc(k) + "=" + enc(v)));
        return q.length() == 0 ? path : path + "?" + q;
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
