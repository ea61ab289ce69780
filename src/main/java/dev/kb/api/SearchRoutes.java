package dev.kb.api;

import dev.kb.course.CourseService;
import dev.kb.ingest.Categories;
import dev.kb.ingest.LanguageDetector;
import dev.kb.search.SearchResult;
import dev.kb.search.SearchService;
import dev.kb.search.SuggestService;
import java.util.Set;
import io.javalin.http.Context;

final class SearchRoutes {
    private static final Set<String> LANGUAGES = Set.of(LanguageDetector.GERMAN, LanguageDetector.ENGLISH,
            LanguageDetector.MIXED, LanguageDetector.UNKNOWN);

    private final SearchService search;
    private final SuggestService suggest;
    private final CourseService courses;

    SearchRoutes(SearchService search, SuggestService suggest, CourseService courses) {
        this.search = search;
        this.suggest = suggest;
        this.courses = courses;
    }

    void search(Context ctx) {
        String q = Params.required(ctx, "q");
        String course = course(ctx);
        SearchService.Filters filters = new SearchService.Filters(Params.optional(ctx, "module"),
                Params.bool(ctx, "inAgenda"), Params.oneOf(ctx, "language", LANGUAGES),
                Params.oneOf(ctx, "kind", Categories.all()), Params.bool(ctx, "external"));
        int limit = Params.integer(ctx, "limit", 10, 1, SearchService.MAX_LIMIT);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        SearchResult result = search.search(new SearchService.Request(q, course, filters, limit, offset),
                HttpCaching.wantsFresh(ctx));
        ctx.json(result.hasNext() && offset + limit <= SearchService.MAX_OFFSET
                ? result.withNext(Pages.next(ctx, offset + limit, limit)) : result);
    }

    void suggest(Context ctx) {
        String q = Params.required(ctx, "q");
        String course = course(ctx);
        int limit = Params.integer(ctx, "limit", 10, 1, SuggestService.MAX_LIMIT);
        ctx.json(suggest.suggest(q, course, limit));
    }

    private String course(Context ctx) {
        return courses.filter(Params.optional(ctx, "course"), search::indexes);
    }
}
