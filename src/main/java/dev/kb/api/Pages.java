package dev.kb.api;

import dev.kb.common.Page;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The next page's address of a list response: this request's, with {@code offset} moved on by {@code limit}. */
final class Pages {
    private Pages() {
    }

    static <T> Page<T> linked(Context ctx, Page<T> page) {
        return page.hasNext() ? page.withNext(next(ctx, page.offset() + page.limit(), page.limit())) : page;
    }

    /** The address of the page at {@code offset}, also sent as a {@code Link: <…>; rel="next"} header. */
    static String next(Context ctx, int offset, int limit) {
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals("offset") || e.getKey().equals("limit")) {
                continue;
            }
            for (String value : e.getValue()) {
                query.add(encode(e.getKey()) + "=" + encode(value));
            }
        }
        query.add("limit=" + limit).add("offset=" + offset);
        String next = ctx.path() + "?" + query;
        ctx.header("Link", "<" + next + ">; rel=\"next\"");
        return next;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
