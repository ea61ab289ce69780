package dev.kb.web;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.kb.common.InvalidInput;
import dev.kb.common.NotFound;
import dev.kb.course.CourseService;
import dev.kb.coverage.CoverageService;
import dev.kb.graph.GraphService;
import dev.kb.references.ReferenceService;
import dev.kb.search.SearchService;
import dev.kb.topic.TopicService;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * The pages people open in a browser, beside the API on the same server: search, topics, a course's agenda,
 * coverage and graph, and the API itself browsable. Each handler reads through the same services as the API.
 */
public final class WebRoutes {
    private final Assets assets = new Assets();
    private final Templates templates = new Templates();
    private final SearchPage search;
    private final TopicPage topic;
    private final CoursePages course;

    public WebRoutes(SearchService searches, CourseService courses, TopicService topics, GraphService graph,
                     CoverageService coverage, ReferenceService references) {
        this.search = new SearchPage(searches, courses, templates, assets);
        this.topic = new TopicPage(topics, graph, courses, references, templates, assets);
        this.course = new CoursePages(courses, coverage, graph, topics, templates, assets);
    }

    /**
     * A person who follows a stale link or mistypes gets a page saying so (with the way back), not the API's
     * problem JSON; every other failure (limits, an unavailable database) stays the API's problem answer.
     */
    private Handler page(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (NotFound | InvalidInput e) {
                Page page = Templates.page(ctx, assets, null, null);
                ctx.status(e instanceof NotFound ? 404 : 400);
                templates.render(ctx, "error.jte", Map.of("page", page.titled(page.t().get(e instanceof NotFound
                        ? "error.title" : "error.invalid") + " — kb"), "message", e.getMessage(),
                        "notFound", e instanceof NotFound));
            }
        };
    }

    public EndpointGroup routes() {
        return () -> {
            get("/", page(search::page));
            get("/search/results", page(search::results));
            get("/topics/{id}", page(topic::page));
            get("/courses/{course}", page(course::agenda));
            get("/courses/{course}/coverage", page(course::coverage));
            get("/courses/{course}/graph", page(course::graph));
            get("/api", ctx -> {
                Page page = Templates.page(ctx, assets, null, "api");
                // Swagger UI sets styles on its elements as it draws them; it runs no inline script.
                templates.render(ctx, "api.jte", Map.of("page", page.titled("kb — API")),
                        Templates.POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"));
            });
            get("/assets/{version}/{file}", assets::serve);
        };
    }
}
