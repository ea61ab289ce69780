package dev.kb.api;

import dev.kb.common.Page;
import dev.kb.course.CourseService;
import dev.kb.coverage.CoverageMarkdown;
import dev.kb.coverage.CoverageReport;
import dev.kb.coverage.CoverageService;
import io.javalin.http.Context;
import java.util.Map;

final class CourseRoutes {
    private static final Map<String, String> COVERAGE_FORMATS = Formats.offer("markdown", Formats.MARKDOWN);

    private final CourseService courses;
    private final CoverageService coverage;

    CourseRoutes(CourseService courses, CoverageService coverage) {
        this.courses = courses;
        this.coverage = coverage;
    }

    void list(Context ctx) {
        int limit = Params.integer(ctx, "limit", 100, 1, 100);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ctx.json(Pages.linked(ctx, Page.of(courses.list(), limit, offset)));
    }

    void get(Context ctx) {
        ctx.json(courses.get(ctx.pathParam("course")));
    }

    void agenda(Context ctx) {
        ctx.json(courses.agenda(ctx.pathParam("course")));
    }

    void coverage(Context ctx) {
        boolean markdown = Formats.choose(ctx, COVERAGE_FORMATS).equals("markdown");
        CoverageReport report = coverage.report(ctx.pathParam("course"));
        if (markdown) {
            ctx.contentType(Formats.MARKDOWN + "; charset=utf-8").result(CoverageMarkdown.render(report));
        } else {
            ctx.json(report);
        }
    }
}
