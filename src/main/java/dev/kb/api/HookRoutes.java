package dev.kb.api;

import dev.kb.app.Job;
import dev.kb.app.Kb;
import dev.kb.catalog.Webhooks;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * Push webhooks of GitHub and GitLab: the forge's own signature (or token) instead of the admin token. A push to a
 * followed repository and ref answers 202 with the sync job of each course following it.
 */
final class HookRoutes {
    private final Kb kb;

    HookRoutes(Kb kb) {
        this.kb = kb;
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
        Webhooks hooks = kb.sources().webhooks();
        if (hooks == null) {
            throw new dev.kb.common.NotFound("followed repository", "(kb follows no git course)");
        }
        Webhooks.Outcome outcome = hooks.receive(delivery);
        if (outcome.courses().isEmpty()) {
            ctx.json(Map.of("status", outcome.status(), "message", outcome.message()));
            return;
        }
        List<Job> jobs = outcome.courses().stream().map(kb.sources()::syncLater).toList();
        ctx.status(202).header("Location", "/api/v1/jobs/" + jobs.get(0).id())
                .json(Map.of("status", outcome.status(), "message", outcome.message(), "jobs", jobs));
    }
}
