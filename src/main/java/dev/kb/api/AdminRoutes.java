package dev.kb.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kb.app.Job;
import dev.kb.app.Kb;
import io.javalin.http.Context;

/** Administration over HTTP: re-index a course, register another, follow the jobs. All need the admin token. */
final class AdminRoutes {
    private final Kb kb;
    private final AdminAuth auth;

    AdminRoutes(Kb kb, AdminAuth auth) {
        this.kb = kb;
        this.auth = auth;
    }

    void reindex(Context ctx) {
        auth.require(ctx);
        Boolean full = Params.bool(ctx, "full");
        accepted(ctx, kb.reindexLater(ctx.pathParam("course"), full != null && full));
    }

    void register(Context ctx) {
        auth.require(ctx);
        JsonNode body = JsonBodies.object(ctx);
        accepted(ctx, kb.registerLater(JsonBodies.text(body, "path", true), JsonBodies.text(body, "id", false)));
    }

    void job(Context ctx) {
        auth.require(ctx);
        ctx.json(kb.jobs().get(ctx.pathParam("id")));
    }

    private static void accepted(Context ctx, Job job) {
        ctx.status(202).header("Location", "/api/v1/jobs/" + job.id()).json(job);
    }
}
