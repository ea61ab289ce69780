package dev.kb.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kb.course.CourseService;
import dev.kb.search.PassageService;
import io.javalin.http.Context;

/**
 * Passages for retrieval-augmented answers: {@code GET} with query parameters, or {@code POST} with the same
 * fields as JSON for questions too long for a URL.
 */
final class PassageRoutes {
    static final int DEFAULT_K = 5;
    static final int DEFAULT_MAX_CHARS = 4_000;

    private final PassageService passages;
    private final CourseService courses;

    PassageRoutes(PassageService passages, CourseService courses) {
        this.passages = passages;
        this.courses = courses;
    }

    void get(Context ctx) {
        answer(ctx, new PassageService.Request(Params.required(ctx, "q"), Params.optional(ctx, "course"),
                Params.integer(ctx, "k", DEFAULT_K, 1, PassageService.MAX_K),
                Params.integer(ctx, "maxChars", DEFAULT_MAX_CHARS, PassageService.MIN_CHARS, PassageService.MAX_CHARS)));
    }

    void post(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        answer(ctx, new PassageService.Request(JsonBodies.text(body, "q", true), JsonBodies.text(body, "course", false),
                JsonBodies.integer(body, "k", DEFAULT_K, 1, PassageService.MAX_K),
                JsonBodies.integer(body, "maxChars", DEFAULT_MAX_CHARS, PassageService.MIN_CHARS,
                        PassageService.MAX_CHARS)));
    }

    private void answer(Context ctx, PassageService.Request request) {
        courses.filter(request.course(), passages::indexes);
        ctx.json(passages.passages(request));
    }
}
