package dev.kb.web;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.kb.app.Kb;
import io.javalin.apibuilder.EndpointGroup;
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

    public WebRoutes(Kb.Services services) {
        this.search = new SearchPage(services.search(), services.courses(), templates, assets);
        this.topic = new TopicPage(services.topics(), services.graph(), services.courses(), services.references(),
                templates, assets);
        this.course = new CoursePages(services.courses(), services.coverage(), services.graph(), services.topics(),
                templates, assets);
    }

    public EndpointGroup routes() {
        return () -> {
            get("/", search::page);
            get("/search/results", search::results);
            get("/topics/{id}", topic::page);
            get("/courses/{course}", course::agenda);
            get("/courses/{course}/coverage", course::coverage);
            get("/courses/{course}/graph", course::graph);
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
