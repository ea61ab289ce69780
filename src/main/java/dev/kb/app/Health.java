package dev.kb.app;

import static dev.kb.common.Errors.rootMessage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kb.db.Database;
import dev.kb.search.SearchIndex;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the parts kb needs answer right now. The search index serves search, suggest and passages on its own;
 * PostgreSQL serves everything else. So kb is "ok" with both, "degraded" without the database (the search routes
 * still answer) or while a search index lost on disk is rebuilt (searches answer from the one last read), and
 * "down" without a readable index. A check that finds the index lost starts its rebuild.
 */
public final class Health {
    private static final Logger LOG = LoggerFactory.getLogger(Health.class);
    /** The longest a health check waits for PostgreSQL: probes (a load balancer's, Kubernetes') time out at 1–5 s. */
    static final Duration DATABASE_PATIENCE = Duration.ofSeconds(1);
    public static final String DOWN = "down";
    private static final String OK = "ok";
    private static final String DEGRADED = "degraded";
    private static final String UP = "up";
    private static final String READY = "ready";
    private static final String NOT_READY = "not-ready";
    private static final String REBUILDING = "rebuilding";
    private static final String FAILING = "failing";
    private static final String LATE = "no answer within " + DATABASE_PATIENCE.toSeconds() + " s";

    private final Database database;
    private final SearchIndex index;
    /** Rebuilds a lost index from the database in the background; asking again while one runs adds nothing. */
    private final Runnable rebuild;
    /** The courses whose newest run the search index does not hold yet, and no run of this process is applying. */
    private final Supplier<Set<String>> behind;
    /** Courses whose source could not be fetched (each "id: why"): they serve their last indexed commit. */
    private final Supplier<List<String>> failingSources;
    /**
     * Runs the database check, so a caller can stop waiting while the check goes on; one thread at most, gone when
     * idle. Checks asked for while one runs share its answer, so a flood of health checks during an outage
     * does not pile up threads waiting for the pool.
     */
    private final ThreadPoolExecutor prober = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "kb-health");
                thread.setDaemon(true);
                return thread;
            });
    private final AtomicReference<CompletableFuture<String>> running = new AtomicReference<>();
    /** The database's last reported state, to log changes once rather than on every check. */
    private volatile Boolean databaseWasUp;

    /**
     * Whether this process should be sent traffic: {@code ready} when its search index answers and holds the
     * newest run of every course ({@code behind} lists those it has yet to catch up with), else {@code not-ready}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Readiness(String status, List<String> behind, String detail) {
        public boolean ready() {
            return READY.equals(status);
        }
    }

    /** {@code status} is ok, degraded or down; each part says whether it is up and, when not, why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String status, Part database, Part searchIndex, Part sources) {
    }

    /** One part kb needs. {@code documents}: the search index's size, when it can be read. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Part(String status, String detail, Integer documents) {
    }

    Health(Database database, SearchIndex index, Runnable rebuild, Supplier<Set<String>> behind,
           Supplier<List<String>> failingSources) {
        this.failingSources = failingSources;
        this.database = database;
        this.index = index;
        this.rebuild = rebuild;
        this.behind = behind;
    }

    /**
     * Readiness for an orchestrator. Without PostgreSQL a process that has caught up stays ready: search, suggest and
     * passages answer from its index, and every replica shares the one database, so taking them all out would turn
     * a database outage into a total one (the detail says so, and {@link #check} reports it as degraded).
     */
    public Readiness ready() {
        Part idx = searchIndex();
        if (!UP.equals(idx.status())) {
            return new Readiness(NOT_READY, List.of(), idx.detail());
        }
        if (databaseProblem() != null) {
            return new Readiness(READY, List.of(), "PostgreSQL cannot be reached: the index answers as last caught up");
        }
        List<String> late = behind.get().stream().sorted().toList();
        return late.isEmpty() ? new Readiness(READY, List.of(), null)
                : new Readiness(NOT_READY, late, "the search index has yet to catch up with the newest run of "
                        + late.size() + " course(s)");
    }

    public Status check() {
        Part db = database();
        Part idx = searchIndex();
        Part sources = UP.equals(db.status()) ? sources() : null;
        String status = DOWN.equals(idx.status()) ? DOWN
                : UP.equals(idx.status()) && UP.equals(db.status()) && sources == null ? OK : DEGRADED;
        return new Status(status, db, idx, sources);
    }

    /** A failing source degrades kb (that course is stale) but takes nothing down; null when none fails. */
    private Part sources() {
        List<String> failing;
        try {
            failing = failingSources.get();
        } catch (RuntimeException e) {
            return null;
        }
        return failing.isEmpty() ? null : new Part(FAILING, String.join("; ", failing), null);
    }

    private Part database() {
        String problem = databaseProblem();
        boolean up = problem == null;
        Boolean before = databaseWasUp;
        if (before == null || before != up) {
            databaseWasUp = up;
            if (!up) {
                LOG.warn("PostgreSQL is not answering ({}): search, suggest and passages go on from the index, "
                        + "other routes answer 503 until it is back", problem);
            } else if (before != null) {
                LOG.info("PostgreSQL answers again");
            }
        }
        // The detail stays generic: /health is public, and the driver's message names hosts and ports.
        return up ? new Part(UP, null, null) : new Part(DOWN, LATE.equals(problem) ? "PostgreSQL gave " + LATE
                : "PostgreSQL cannot be reached", null);
    }

    /** Null when PostgreSQL answered in time, else what went wrong (for the log). */
    private String databaseProblem() {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> check = running.updateAndGet(r -> r != null && !r.isDone() ? r : mine);
        if (check == mine) {
            prober.execute(() -> {
                try {
                    database.ping();
                    mine.complete(null);
                } catch (Exception | LinkageError e) {
                    mine.complete(rootMessage(e));
                }
            });
        }
        try {
            return check.get(DATABASE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return LATE;
        } catch (ExecutionException e) {
            return rootMessage(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private Part searchIndex() {
        String lost = index.lost();
        try {
            if (lost != null || index.rebuilding()) {
                rebuild.run();
                // The detail names no server path: /health is public.
                return new Part(REBUILDING, "the search index on disk was lost" + (lost == null ? "" : " (" + lost
                        + ")") + "; it is being rebuilt from the database, and searches answer from the index last "
                        + "read meanwhile", index.documentCount());
            }
            return new Part(UP, null, index.documentCount());
        } catch (RuntimeException e) {
            LOG.warn("the search index cannot be read: {}", rootMessage(e));
            return new Part(DOWN, "the search index cannot be read", null);
        }
    }
}
