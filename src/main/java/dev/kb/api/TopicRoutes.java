package dev.kb.api;

import dev.kb.topic.TopicService;
import io.javalin.http.Context;

final class TopicRoutes {
    private final TopicService topics;

    TopicRoutes(TopicService topics) {
        this.topics = topics;
    }

    void list(Context ctx) {
        String course = Params.required(ctx, "course");
        String path = Params.optional(ctx, "path");
        int limit = Params.integer(ctx, "limit", 100, 1, 100);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(topics.list(course, path == null ? null : path.strip().replaceFirst("^/+", ""), limit, offset));
    }

    void get(Context ctx) {
        ctx.json(topics.get(ctx.pathParam("id")));
    }
}
