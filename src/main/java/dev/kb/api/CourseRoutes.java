package dev.kb.api;

import dev.kb.common.Page;
import dev.kb.course.CourseService;
import dev.kb.coverage.CoverageService;
import io.javalin.http.Context;

final class CourseRoutes {
    private final CourseService courses;
    private final CoverageService coverage;

    CourseRoutes(CourseService courses, CoverageService coverage) {
        this.courses = courses;
        this.coverage = coverage;
    }

    void list(Context ctx) {
        int limit = Params.integer(ctx, "limit", 100, 1, 100);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(Page.of(courses.list(), limit, offset));
    }

    void get(Context ctx) {
        ctx.json(courses.get(ctx.pathParam("course")));
    }

    void agenda(Context ctx) {
        ctx.json(courses.agenda(ctx.pathParam("course")));
    }

    void coverage(Context ctx) {
        ctx.json(coverage.report(ctx.pathParam("course")));
    }
}
