package dev.kb.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kb.app.Job;
import dev.kb.app.Kb;
import dev.kb.common.InvalidInput;
import io.javalin.http.Context;

/** Administration over HTTP: re-index a course, add (a directory or a git repository) or delete one, follow the jobs. All need the admin token. */
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

    /** A directory ({@code path}) or a git repository ({@code git}, {@code ref}, {@code subdir}): one of the two. */
    void register(Context ctx) {
        auth.require(ctx);
        JsonNode body = JsonBodies.object(ctx);
        String id = JsonBodies.text(body, "id", false);
        String git = JsonBodies.text(body, "git", false);
        if (git == null) {
            if (JsonBodies.text(body, "ref", false) != null || JsonBodies.text(body, "subdir", false) != null) {
                throw new InvalidInput("ref", "ref and subdir belong to a git source: give 'git' too");
            }
            accepted(ctx, kb.sources().registerLater(JsonBodies.text(body, "path", true), id));
        } else if (JsonBodies.text(body, "path", false) != null) {
            throw new InvalidInput("path", "give either 'path' (a directory) or 'git' (a repository), not both");
        } else {
            accepted(ctx, kb.sources().addLater(git, JsonBodies.text(body, "ref", false),
                    JsonBodies.text(body, "subdir", false), id));
        }
    }

    void delete(Context ctx) {
        auth.require(ctx);
        kb.sources().remove(ctx.pathParam("course"));
        ctx.status(204);
    }

    void job(Context ctx) {
        auth.require(ctx);
        ctx.json(kb.jobs().get(ctx.pathParam("id")));
    }

    private static void accepted(Context ctx, Job job) {
        ctx.status(202).header("Location", "/api/v1/jobs/" + job.id()).json(job);
    }
}
