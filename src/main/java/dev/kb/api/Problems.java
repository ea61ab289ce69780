package dev.kb.api;

import static dev.kb.common.Errors.rootMessage;

import dev.kb.common.Conflict;
import dev.kb.common.DatabaseUnavailable;
import dev.kb.catalog.Webhooks;
import dev.kb.common.Forbidden;
import dev.kb.common.InvalidInput;
import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import dev.kb.common.NotFound;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become RFC 9457 problem+json responses. Handlers just throw; nothing about
 * the server's internals (stack traces, SQL, file paths) reaches a response body.
 */
final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    /** Problem types: RFC 9457's "about:blank" when the status says it all, otherwise one of ours. */
    static final String BLANK = "about:blank";
    static final String NOT_FOUND = "/problems/not-found";
    static final String INVALID_PARAMETER = "/problems/invalid-parameter";
    static final String CONFLICT = "/problems/conflict";
    /** A request kb will not carry out for anyone, the admin included (a directory outside the course roots). */
    static final String FORBIDDEN = "/problems/forbidden";
    static final String DATABASE_UNAVAILABLE = "/problems/database-unavailable";
    /** When a client may try again after PostgreSQL could not be reached: a restart or fail-over takes seconds. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** A request over one of kb's bounds on cost; {@code limit} and {@code max} say which and how far. */
    static final String LIMIT_EXCEEDED = "/problems/limit-exceeded";
    /** When a client may try again after too many expensive answers were being computed: they take a second or so. */
    static final int BUSY_RETRY_AFTER_SECONDS = 2;

    private Problems() {
    }

    static void install(JavalinConfig config) {
        config.routes.exception(InvalidInput.class, (e, ctx) ->
                write(ctx, 400, INVALID_PARAMETER, e.getMessage(), e.parameter()));
        config.routes.exception(LimitExceeded.class, Problems::write);
        config.routes.exception(NotFound.class, (e, ctx) -> write(ctx, 404, NOT_FOUND, e.getMessage(), null));
        config.routes.exception(Conflict.class, (e, ctx) -> write(ctx, 409, CONFLICT, e.getMessage(), null));
        config.routes.exception(Forbidden.class, (e, ctx) -> write(ctx, 403, FORBIDDEN, e.getMessage(), e.parameter()));
        config.routes.exception(AdminAuth.Refused.class, (e, ctx) -> write(ctx, e.status, BLANK, e.getMessage(), null));
        config.routes.exception(Webhooks.Refused.class, (e, ctx) -> write(ctx, e.status(),
                e.status() == 404 ? NOT_FOUND : BLANK, e.getMessage(), null));
        // Javalin's own errors: no such route, wrong method, body too large, unreadable body.
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                write(new LimitExceeded(Limit.BODY_BYTES, ServerLimits.MAX_BODY_BYTES, null,
                        "the request body is larger than the limit of " + ServerLimits.MAX_BODY_BYTES + " bytes"), ctx);
            } else {
                write(ctx, e.getStatus(), e.getStatus() == 404 ? NOT_FOUND : BLANK, e.getMessage(), null);
            }
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            // Whatever wraps it (jOOQ, the pool, a service), a failure to reach PostgreSQL is the server's
            // temporary state, not a bug: 503 and when to come back. Statement errors stay 500s.
            if (DatabaseUnavailable.isCauseOf(e)) {
                LOG.warn("{} {}: the database is unavailable: {}", ctx.method(), ctx.path(), rootMessage(e));
                ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
                write(ctx, 503, DATABASE_UNAVAILABLE, "the database is not answering; search, suggest and passages "
                        + "still answer from the search index. Try again in " + RETRY_AFTER_SECONDS + " s", null);
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            write(ctx, 500, BLANK, "the server could not answer this request; the error has been logged", null);
        });
    }

    /**
     * The status of a refusal by the kind of bound: a parameter too large is a bad request (400), a body too large
     * 413, a URI 414, headers 431; a well-formed request whose answer would be too large 422; a search that ran out
     * of time, or an expensive answer while enough of them are being computed, 503.
     */
    static int status(Limit.Kind kind) {
        return switch (kind) {
            case PARAMETER -> 400;
            case BODY -> 413;
            case URI -> 414;
            case HEADERS -> 431;
            case ANSWER -> 422;
            case TIME, BUSY -> 503;
        };
    }

    /** A refusal for passing a bound, with the bound's name and value. */
    static Problem limitProblem(Limit limit, long max, String detail, String instance, String parameter) {
        int status = status(limit.kind());
        return new Problem(LIMIT_EXCEEDED, HttpStatus.forStatus(status).getMessage(), status, detail, instance,
                parameter, limit.id(), max);
    }

    private static void write(LimitExceeded e, Context ctx) {
        if (e.limit().kind() == Limit.Kind.BUSY) {
            ctx.header("Retry-After", Integer.toString(BUSY_RETRY_AFTER_SECONDS));
        }
        write(ctx, limitProblem(e.limit(), e.max(), e.getMessage(), ctx.path(), e.parameter()));
    }

    static void write(Context ctx, int status, String type, String detail, String parameter) {
        write(ctx, new Problem(type, HttpStatus.forStatus(status).getMessage(), status, detail, ctx.path(), parameter));
    }

    private static void write(Context ctx, Problem problem) {
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE)
                .result(ctx.jsonMapper().toJsonString(problem, Problem.class));
    }
}
