package dev.kb.api;

import dev.kb.common.Html;
import dev.kb.topic.Topic;
import dev.kb.topic.TopicSection;
import dev.kb.topic.TopicService;
import java.util.Map;
import io.javalin.http.Context;

final class TopicRoutes {
    private static final Map<String, String> FORMATS = Formats.offer("markdown", Formats.MARKDOWN, "html", Formats.HTML);

    private final TopicService topics;

    TopicRoutes(TopicService topics) {
        this.topics = topics;
    }

    void list(Context ctx) {
        String course = Params.required(ctx, "course");
        String path = Params.optional(ctx, "path");
        int limit = Params.integer(ctx, "limit", 100, 1, 100);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(Pages.linked(ctx, topics.list(course, path, limit, offset)));
    }

    /** JSON, or the topic's markdown as written, or its sanitised HTML as a page. */
    void get(Context ctx) {
        String format = Formats.choose(ctx, FORMATS);
        Topic topic = topics.get(ctx.pathParam("id"));
        respond(ctx, format, topic, topic.title(), topic.markdown(), topic.html());
    }

    void section(Context ctx) {
        String format = Formats.choose(ctx, FORMATS);
        TopicSection section = topics.section(ctx.pathParam("id"), ctx.pathParam("anchor"));
        respond(ctx, format, section, section.heading() + " — " + section.title(), section.markdown(), section.html());
    }

    private static void respond(Context ctx, String format, Object json, String title, String markdown, String html) {
        switch (format) {
            case "markdown" -> ctx.contentType(Formats.MARKDOWN + "; charset=utf-8").result(markdown);
            case "html" -> ctx.contentType(Formats.HTML + "; charset=utf-8").result(Html.document(title, html));
            default -> ctx.json(json);
        }
    }
}
