package dev.kb.api;

import dev.kb.course.CourseService;
import dev.kb.search.SearchService;
import io.javalin.http.Context;

final class SearchRoutes {
    private final SearchService search;
    private final CourseService courses;

    SearchRoutes(SearchService search, CourseService courses) {
        this.search = search;
        this.courses = courses;
    }

    void search(Context ctx) {
        String q = Params.required(ctx, "q");
        String course = Params.optional(ctx, "course");
        if (course != null) {
            courses.require(course);
        }
        int limit = Params.integer(ctx, "limit", 10, 1, SearchService.MAX_LIMIT);
        int offset = Params.integer(ctx, "offset", 0, 0, SearchService.MAX_OFFSET);
        ctx.json(search.search(new SearchService.Request(q, course, limit, offset)));
    }
}
