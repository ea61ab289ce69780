package dev.kb.bench;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Server-side latency per route, from before the first handler to after the last: what the server spends on a
 * request, without the network and the load generator.
 */
final class ServerTimes {
    private static final String STARTED = "bench.started";
    private final Map<String, Recorder> recorders = new ConcurrentHashMap<>();

    void before(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    void after(Context ctx) {
        Long started = ctx.attribute(STARTED);
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        if (started != null && endpoint != null) {
            recorders.computeIfAbsent(endpoint.path, k -> new Recorder(3)).recordValue(System.nanoTime() - started);
        }
    }

    /** Forgets what was recorded so far (the warm-up of the next run, the runs before it). */
    void reset() {
        recorders.clear();
    }

    double p99Millis(String route) {
        Histogram h = take(route);
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1e6;
    }

    /** The routes requested so far, in order. */
    java.util.SortedSet<String> routes() {
        return new java.util.TreeSet<>(recorders.keySet());
    }

    /** The route's latencies (nanoseconds) since it was last taken; empty when it was not requested. */
    Histogram take(String route) {
        Recorder recorder = recorders.get(route);
        return recorder == null ? new Histogram(3) : recorder.getIntervalHistogram();
    }
}
