package dev.kb.api;

import dev.kb.course.CourseService;
import dev.kb.references.ReferenceService;
import io.javalin.http.Context;

final class ReferenceRoutes {
    private final ReferenceService references;
    private final CourseService courses;

    ReferenceRoutes(ReferenceService references, CourseService courses) {
        this.references = references;
        this.courses = courses;
    }

    void list(Context ctx) {
        String course = courses.filter(Params.optional(ctx, "course"));
        String status = Params.oneOf(ctx, "status", ReferenceService.STATUSES);
        int limit = Params.integer(ctx, "limit", 100, 1, 100);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(Pages.linked(ctx, references.list(course, status, limit, offset)));
    }

    void get(Context ctx) {
        ctx.json(references.get(ctx.pathParam("id")));
    }
}
