package dev.kb.api;

import dev.kb.common.Page;
import dev.kb.course.CourseService;
import dev.kb.coverage.CoverageMarkdown;
import dev.kb.coverage.CoverageReport;
import dev.kb.coverage.CoverageService;
import io.javalin.http.Context;
import java.util.Set;

final class CourseRoutes {
    static final String MARKDOWN = "text/markdown";

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
        String format = Params.oneOf(ctx, "format", Set.of("json", "markdown"));
        String accept = ctx.header("Accept");
        boolean markdown = "markdown".equals(format)
                || format == null && accept != null && accept.contains(MARKDOWN) && !accept.contains("json");
        CoverageReport report = coverage.report(ctx.pathParam("course"));
        if (markdown) {
            ctx.contentType(MARKDOWN + "; charset=utf-8").result(CoverageMarkdown.render(report));
        } else {
            ctx.json(report);
        }
    }
}
