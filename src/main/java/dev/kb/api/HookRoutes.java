package dev.kb.api;

import dev.kb.app.Kb;
import dev.kb.app.Sources;
import dev.kb.catalog.Webhooks;
import io.javalin.http.Context;
import java.util.Map;

/**
 * Push webhooks of GitHub and GitLab: the forge's own signature (or token) instead of the admin token. A push to a
 * followed repository and ref answers 202 with the sync job of each course following it.
 */
final class HookRoutes {
    private final Kb kb;
    private final AdminAuth auth;

    HookRoutes(Kb kb, AdminAuth auth) {
        this.kb = kb;
        this.auth = auth;
    }

    void github(Context ctx) {
        receive(ctx, new Webhooks.Delivery(Webhooks.Forge.GITHUB, ctx.header("X-GitHub-Event"),
                ctx.header("X-GitHub-Delivery"), ctx.header("X-Hub-Signature-256"), ctx.bodyAsBytes()));
    }

    void gitlab(Context ctx) {
        receive(ctx, new Webhooks.Delivery(Webhooks.Forge.GITLAB, ctx.header("X-Gitlab-Event"),
                ctx.header("X-Gitlab-Event-UUID"), ctx.header("X-Gitlab-Token"), ctx.bodyAsBytes()));
    }

    private void receive(Context ctx, Webhooks.Delivery delivery) {
        Sources.Received received = kb.sources().receive(delivery);
        Webhooks.Outcome outcome = received.outcome();
        if (received.jobs().isEmpty()) {
            ctx.json(Map.of("status", outcome.status(), "message", outcome.message()));
            return;
        }
        ctx.status(202).header("Location", "/api/v1/jobs/" + received.jobs().get(0).id())
                .json(Map.of("status", outcome.status(), "message", outcome.message(), "jobs", received.jobs()));
    }

    /** The course's last deliveries (admin): why a push did or did not arrive. */
    void deliveries(Context ctx) {
        auth.require(ctx);
        ctx.json(Map.of("deliveries", kb.sources().deliveries(ctx.pathParam("course"))));
    }
}
