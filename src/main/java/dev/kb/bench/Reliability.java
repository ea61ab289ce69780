package dev.kb.bench;

import dev.kb.api.ApiServer;
import dev.kb.app.Kb;
import dev.kb.ingest.IndexProgress;
import io.javalin.Javalin;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * kb under load while its course changes: closed-loop keep-alive clients send the {@link RequestMix} for a
 * while, a {@link Reindexer} re-indexes it (in full, or as a saved file would) every few seconds meanwhile, and a
 * {@link HeapSampler} watches the heap. Every request must succeed, every re-index too, and the heap must not
 * climb.
 * <p>
 * The course is copied into the work directory first, because a file of it is changed before each re-index.
 * Before the measured run kb is warmed up (a full re-index, then a sixth of the run's load, at most 10 s) and its
 * live heap taken after a full collection; the same is taken after the run. A kb that has not served yet holds
 * no cached answers and no compiled code, so comparing with it would show growth where there is none.
 */
public final class Reliability {
    private static final int PATHS = 2_000;
    private static final Duration MAX_WARMUP = Duration.ofSeconds(10);

    public record Settings(Path course, Path work, int clients, Duration duration, Duration reindexEvery, boolean full,
                           long seed) {
    }

    /**
     * Heap figures in bytes. {@code used*}: sampled each second; {@code afterGc*}: the heap after the latest
     * collection, at its highest in the first and in the last window of the run; {@code live*}: after a full
     * collection, once warmed up and after the run.
     */
    public record Heap(long max, long usedMin, long usedMax, long usedLast, double windowSeconds,
                       long afterGcFirstWindow, long afterGcLastWindow, long liveBefore, long liveAfter) {
        /**
         * The run left kb holding less than a tenth of the maximum heap more than it held warmed up: per-thread
         * buffers of more server threads and the result cache still fill up to their bounds after a short warm-up,
         * while a leak that matters grows with every request or re-index. Not the windows' post-collection figures:
         * young collections promote garbage to the old generation, which G1 only collects once it fills up to a
         * threshold, so those climb through a run of a minute with or without a leak.
         */
        public boolean bounded() {
            return liveAfter - liveBefore < max / 10;
        }
    }

    /** What the server spent on one route (milliseconds), from its first handler to its last. */
    public record Route(String route, long requests, double p50Millis, double p99Millis, double maxMillis) {
    }

    /** {@code warmup}: the load before the measured run, whose failures count as much. */
    public record Result(Settings settings, int documents, HttpLoad.Result warmup, HttpLoad.Result load,
                         List<Route> routes, Reindexer.Figures reindexes, Heap heap) {
        public long failures() {
            return warmup.failures() + load.failures();
        }

        public boolean passed() {
            return failures() == 0 && reindexes.failed() == 0;
        }
    }

    private Reliability() {
    }

    public static Result run(Settings s, Consumer<String> log) throws IOException, InterruptedException {
        Path course = s.work().resolve("course");
        Directories.copy(s.course(), course);
        try (Kb kb = Benchmark.openFresh(s.work().resolve("data"))) {
            int documents = kb.index(Benchmark.COURSE, course).filesParsed();
            List<String> paths = RequestMix.paths(kb, Benchmark.COURSE,
                    QueryMix.from(course, PATHS / 4, s.seed()), PATHS, s.seed());
            log.accept(String.format("indexed %d documents of %s; %d clients for %d s, a%s re-index every %d s",
                    documents, s.course(), s.clients(), s.duration().toSeconds(), s.full() ? " full" : "n incremental",
                    s.reindexEvery().toSeconds()));
            ServerTimes times = new ServerTimes();
            Javalin server = ApiServer.create(kb, config -> {
                config.routes.before(times::before);
                config.routes.after(times::after);
            });
            server.start("127.0.0.1", 0);
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            try {
                kb.index(Benchmark.COURSE, course, true, IndexProgress.NONE);
                Duration sixth = s.duration().dividedBy(6);
                HttpLoad.Result warm = HttpLoad.run(address, paths, "", s.clients(), Duration.ZERO,
                        sixth.compareTo(MAX_WARMUP) < 0 ? sixth : MAX_WARMUP, 0, () -> { });
                times.reset();
                long liveBefore = liveHeap();
                log.accept(String.format("warmed up (a full re-index, %.0f s of load): live heap %d MB; measuring",
                        warm.seconds(), liveBefore >> 20));
                HttpLoad.Result load;
                Reindexer.Figures reindexes;
                List<HeapSampler.Sample> samples;
                try (HeapSampler heap = new HeapSampler(1_000);
                     Reindexer reindexer = Reindexer.start(kb, Benchmark.COURSE,
                             Benchmark.changeableFile(course), s.reindexEvery(), s.full())) {
                    load = HttpLoad.run(address, paths, "", s.clients(), Duration.ZERO, s.duration(), 0, () -> { });
                    samples = heap.samples();
                    reindexes = reindexer.stop();
                }
                writeCsv(samples, s.work().resolve("heap.csv"));
                return new Result(s, documents, warm, load, routes(times), reindexes,
                        heap(samples, s.duration(), liveBefore, liveHeap()));
            } finally {
                server.stop();
            }
        }
    }

    private static List<Route> routes(ServerTimes times) {
        return times.routes().stream().map(route -> {
            Histogram h = times.take(route);
            return new Route(route, h.getTotalCount(), h.getValueAtPercentile(50) / 1e6,
                    h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6);
        }).toList();
    }

    /** The samples, for a plot or a closer look than the summary gives. */
    private static void writeCsv(List<HeapSampler.Sample> samples, Path file) throws IOException {
        StringBuilder b = new StringBuilder("seconds,used_mb,after_gc_mb\n");
        for (HeapSampler.Sample x : samples) {
            b.append(String.format(Locale.ROOT, "%.1f,%.1f,%.1f%n", x.seconds(), x.usedBytes() / 1048576.0,
                    x.afterGcBytes() / 1048576.0));
        }
        Files.writeString(file, b);
    }

    /** What a full collection leaves: the heap the application holds on to. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Windows of a third of the run, at most 20 s: the start of the load against its end. */
    private static Heap heap(List<HeapSampler.Sample> samples, Duration duration, long liveBefore, long liveAfter) {
        if (samples.isEmpty()) {
            throw new IllegalStateException("no heap samples were taken");
        }
        double seconds = duration.toMillis() / 1e3;
        double window = Math.min(20, seconds / 3);
        long used = samples.get(samples.size() - 1).usedBytes();
        return new Heap(Runtime.getRuntime().maxMemory(),
                samples.stream().mapToLong(HeapSampler.Sample::usedBytes).min().orElseThrow(),
                samples.stream().mapToLong(HeapSampler.Sample::usedBytes).max().orElseThrow(), used, window,
                samples.stream().filter(x -> x.seconds() <= window).mapToLong(HeapSampler.Sample::afterGcBytes)
                        .max().orElse(-1),
                samples.stream().filter(x -> x.seconds() >= seconds - window)
                        .mapToLong(HeapSampler.Sample::afterGcBytes).max().orElse(-1),
                liveBefore, liveAfter);
    }
}
