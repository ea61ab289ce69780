package dev.kb.api;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.kb.app.Health;
import dev.kb.app.Kb;
import dev.kb.common.KbVersion;
import dev.kb.common.Json;
import dev.kb.config.Config;
import dev.kb.mcp.McpEndpoint;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds the HTTP API: every route in one place; an unstarted Javalin the caller starts (tests on port 0). */
public final class ApiServer {
    private ApiServer() {
    }

    /** The API of this kb, with the MCP endpoint at {@value McpEndpoint#PATH}; started by the caller. */
    public static Javalin create(Kb kb) {
        return create(kb, config -> { });
    }

    /** The API plus what {@code extension} adds (the benchmark's timing and its PostgreSQL baseline route). */
    public static Javalin create(Kb kb, java.util.function.Consumer<io.javalin.config.JavalinConfig> extension) {
        Kb.Services services = kb.services();
        Config.HttpSettings http = kb.config().http();
        McpEndpoint mcp = new McpEndpoint(services, KbVersion.current(), kb.config().mcp(), kb.config().limits().idleTimeout());
        kb.onIndexed(run -> mcp.refreshResources());
        RequestLog requestLog = new RequestLog(kb.metrics().registry());
        Cors cors = new Cors(http.corsOrigins());
        AdminAuth adminAuth = new AdminAuth(http.adminToken());
        AdminRoutes admin = new AdminRoutes(kb, adminAuth);
        HookRoutes hooks = new HookRoutes(kb, adminAuth);
        CourseRoutes courses = new CourseRoutes(services.courses(), services.coverage());
        TopicRoutes topics = new TopicRoutes(services.topics());
        ImageRoutes images = new ImageRoutes(services.images());
        GraphRoutes graph = new GraphRoutes(services.graph());
        SearchRoutes search = new SearchRoutes(services.search(), services.suggest(), services.courses());
        PassageRoutes passages = new PassageRoutes(services.passages(), services.courses());
        ReferenceRoutes references = new ReferenceRoutes(services.references(), services.courses());
        byte[] openApi = openApiDocument();
        dev.kb.web.WebRoutes web = new dev.kb.web.WebRoutes(services.search(), services.courses(), services.topics(),
                services.graph(), services.coverage(), services.references());

        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.http.prefer405over404 = true;
            config.router.ignoreTrailingSlashes = true;
            Problems.install(config);
            ServerLimits.install(config, kb.config().limits().idleTimeout());
            JettyProblems jettyProblems = new JettyProblems();
            config.jetty.modifyServer(server -> server.setErrorHandler(jettyProblems));
            config.jetty.modifyServletContextHandler(handler -> {
                handler.setErrorHandler(jettyProblems);
                handler.addFilter(new org.eclipse.jetty.ee10.servlet.FilterHolder(new SecurityHeaders.ForEveryResponse()), "/*",
                        java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
                handler.addFilter(new org.eclipse.jetty.ee10.servlet.FilterHolder(requestLog.servletFilter(McpEndpoint.PATH)),
                        McpEndpoint.PATH, java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
            });
            mcp.mount(config);
            config.routes.before(requestLog::before);
            config.routes.before(InputGuard::before);
            if (cors.enabled()) {
                config.routes.before(cors::before);
            }
            // Caching first: it may turn the answer into a 304, which the log then records.
            config.routes.after(HttpCaching::after);
            config.routes.after(SecurityHeaders::after);
            config.routes.after(requestLog::after);
            config.routes.apiBuilder(web.routes());
            config.routes.apiBuilder(() -> {
                get("/health", ctx -> {
                    var status = services.health().check();
                    // 503 only when the search index is down. Without PostgreSQL kb still answers search,
                    // suggest and passages, and every instance usually shares one database: a load balancer
                    // that took "degraded" instances out would turn a database outage into a total one. The
                    // body tells people (and monitoring) what is down.
                    ctx.status(Health.DOWN.equals(status.status()) ? 503 : 200).json(status);
                });
                // Liveness: answering at all is the proof; nothing here may wait for PostgreSQL, or an outage of the
                // database would have every replica restarted.
                get("/health/live", ctx -> ctx.json(Map.of("status", "live")));
                get("/health/ready", ctx -> {
                    var readiness = services.health().ready();
                    ctx.status(readiness.ready() ? 200 : 503).json(readiness);
                });
                get("/openapi.yaml", ctx -> ctx.contentType("application/yaml").result(openApi));
                get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(kb.metrics().scrape()));
                path("/api/v1", () -> {
                    get("/courses", courses::list);
                    post("/courses", admin::register);
                    post("/courses/{course}/reindex", admin::reindex);
                    get("/jobs/{id}", admin::job);
                    post("/hooks/github", hooks::github);
                    post("/hooks/gitlab", hooks::gitlab);
                    get("/courses/{course}/deliveries", hooks::deliveries);
                    get("/courses/{course}", courses::get);
                    delete("/courses/{course}", admin::delete);
                    get("/courses/{course}/agenda", courses::agenda);
                    get("/courses/{course}/graph", graph::course);
                    get("/courses/{course}/graph/conflicts", graph::conflicts);
                    get("/courses/{course}/learning-path", graph::courseLearningPath);
                    get("/courses/{course}/coverage", courses::coverage);
                    get("/courses/{course}/images/<path>", images::get);
                    get("/search", search::search);
                    get("/suggest", search::suggest);
                    get("/passages", passages::get);
                    post("/passages", passages::post);
                    get("/topics", topics::list);
                    get("/topics/{id}", topics::get);
                    get("/topics/{id}/sections/{anchor}", topics::section);
                    get("/topics/{id}/prerequisites", graph::prerequisites);
                    get("/topics/{id}/dependents", graph::dependents);
                    get("/topics/{id}/learning-path", graph::topicLearningPath);
                    get("/references", references::list);
                    get("/references/{id}", references::get);
                });
            });
            extension.accept(config);
        });
    }

    /** The JSON mapping of every response: ISO dates, records as objects. */

    private static byte[] openApiDocument() {
        try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
